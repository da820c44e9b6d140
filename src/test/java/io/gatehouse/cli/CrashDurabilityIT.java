package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.ChildNode;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.TestCa;
import io.gatehouse.testing.TestNode;
import io.gatehouse.testing.VaultFixture;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with {@code kill -9} in the middle of a stream of writes keeps, after a restart on the same data
 * directory, every write it had acknowledged with 201.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CrashDurabilityIT {
    private static final Map<String, String> ENVIRONMENT = Map.of("GATEHOUSE_ADMIN_TOKEN", TestNode.ADMIN_TOKEN);

    @TempDir
    Path dataDir;

    @Test
    void killedMidStream_keepsEveryAcknowledgedWrite() throws Exception {
        List<IssuedCertificate> certificates = new ArrayList<>();
        TestCa ca = TestCa.create("Durability CA");
        for (int i = 0; i < 200; i++) {
            certificates.add(ca.leaf("durable-" + i).keyKind(KeyKind.EC_P256).issue());
        }
        ConcurrentLinkedQueue<String> acknowledgedCredentials = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> acknowledgedCertificates = new ConcurrentLinkedQueue<>();
        AtomicInteger acknowledged = new AtomicInteger();
        String vaultId;

        ChildNode node = ChildNode.start(dataDir, "logback-child-debug.xml", ENVIRONMENT);
        ApiClient api = new ApiClient(node.adminUrl(), TestNode.ADMIN_TOKEN);
        vaultId = VaultFixture.create(api, "durable").vaultId();
        VaultFixture vault = new VaultFixture(api, vaultId, null, null);
        Thread writer = new Thread(() -> {
            for (IssuedCertificate certificate : certificates) {
                try {
                    Answer credential = api.post(vault.path("credentials"), Map.of());
                    if (credential.status() != 201) {
                        return;
                    }
                    String credentialId = credential.json().path("id").asText();
                    acknowledgedCredentials.add(credentialId);
                    VaultFixture target = new VaultFixture(api, vaultId, credentialId, null);
                    Answer upload = target.upload(target.outbound(certificate));
                    if (upload.status() != 201) {
                        return;
                    }
                    acknowledgedCertificates.add(upload.json().path("id").asText());
                    acknowledged.addAndGet(2);
                } catch (UncheckedIOException e) {
                    return;
                }
            }
        }, "durability-writer");
        writer.start();
        while (acknowledged.get() < 20 && writer.isAlive()) {
            Thread.sleep(10);
        }
        node.kill();
        writer.join(30_000);

        try (ChildNode restarted = ChildNode.start(dataDir, "logback-child-debug.xml", ENVIRONMENT)) {
            ApiClient after = new ApiClient(restarted.adminUrl(), TestNode.ADMIN_TOKEN);
            VaultFixture reopened = new VaultFixture(after, vaultId, null, null);

            assertThat(acknowledgedCertificates).hasSizeGreaterThanOrEqualTo(10);
            assertThat(ids(after.get(reopened.path("credentials")))).containsAll(acknowledgedCredentials);
            assertThat(ids(after.get(reopened.path("certificates")))).containsAll(acknowledgedCertificates);
        }
    }

    private static Set<String> ids(Answer list) {
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = list.json().path("items").findValuesAsText("id");
        return ids.stream().collect(Collectors.toSet());
    }
}
