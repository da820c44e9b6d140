package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import io.gatehouse.testing.TestNode;
import io.gatehouse.testing.VaultFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads keys of every kind and encoding through the API, then reads every byte under the data directory (the
 * database, its WAL and shared memory, everything) while the node runs and after it stops: no key appears as PEM
 * text, DER bytes or base64, and neither does a passphrase or a credential's password.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SecretsAtRestIT {
    private static final TestCa CA = TestCa.create("Secrets At Rest CA");

    @TempDir
    Path dataDir;
    private String lastCertificatePem;

    @Test
    void dataDirectory_neverHoldsAKeyPasswordOrPassphrase_inAnyEncoding() throws Exception {
        Map<String, byte[]> needles = new LinkedHashMap<>();
        try (TestNode node = TestNode.start(dataDir)) {
            VaultFixture vault = VaultFixture.create(node.api(), "at-rest");
            Answer credential = node.api().post(vault.path("credentials"), Map.of());
            needles.put("password", credential.json().path("password").asText().getBytes(StandardCharsets.UTF_8));
            uploadEveryKind(vault, needles);

            assertNoNeedleIn(dataDir, needles);
        }
        assertNoNeedleIn(dataDir, needles);
        assertScanFindsStoredCertificate(dataDir);
    }

    /** The scan can find what is stored: the last certificate uploaded is kept as PEM text, so its lines are there. */
    private void assertScanFindsStoredCertificate(Path dir) throws IOException {
        byte[] line = pemBodyLines(lastCertificatePem).get(1).getBytes(StandardCharsets.US_ASCII);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        boolean found = false;
        for (Path file : files) {
            found |= indexOf(Files.readAllBytes(file), line) >= 0;
        }
        assertThat(found).as("the stored certificate's PEM is visible to the scan").isTrue();
    }

    private void uploadEveryKind(VaultFixture vault, Map<String, byte[]> needles) {
        for (KeyKind kind : List.of(KeyKind.RSA_2048, KeyKind.EC_P256, KeyKind.EC_P384, KeyKind.ED25519)) {
            IssuedCertificate pkcs8 = CA.leaf("pkcs8-" + kind).keyKind(kind).issue();
            upload(vault, vault.outbound(pkcs8), pkcs8, needles, "pkcs8-" + kind);
        }
        IssuedCertificate traditional = CA.leaf("pkcs1").keyKind(KeyKind.RSA_2048).issue();
        upload(vault, vault.outbound(traditional.certificatePem(), Pem.traditional(traditional.privateKey())),
                traditional, needles, "pkcs1");
        IssuedCertificate sec1 = CA.leaf("sec1").keyKind(KeyKind.EC_P256).issue();
        upload(vault, vault.inbound(sec1.certificatePem(), Pem.traditional(sec1.privateKey())), sec1, needles,
                "sec1");
        IssuedCertificate encrypted = CA.leaf("encrypted").keyKind(KeyKind.EC_P384).issue();
        Map<String, Object> body = vault.outbound(encrypted.certificatePem(),
                Pem.pkcs8Encrypted(encrypted.privateKey(), "at-rest-passphrase".toCharArray()));
        body.put("passphrase", "at-rest-passphrase");
        upload(vault, body, encrypted, needles, "encrypted");
        needles.put("passphrase", "at-rest-passphrase".getBytes(StandardCharsets.UTF_8));
        IssuedCertificate bundled = CA.leaf("bundled").keyKind(KeyKind.RSA_2048).issue();
        upload(vault, vault.outboundPkcs12(Pem.pkcs12(bundled, "p12-at-rest".toCharArray()), "p12-at-rest"),
                bundled, needles, "pkcs12");
        needles.put("pkcs12 password", "p12-at-rest".getBytes(StandardCharsets.UTF_8));
    }

    private void upload(VaultFixture vault, Map<String, Object> body, IssuedCertificate issued,
                               Map<String, byte[]> needles, String name) {
        Answer answer = vault.upload(body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        lastCertificatePem = issued.certificatePem();
        byte[] der = issued.privateKey().getEncoded();
        needles.put(name + " DER", der);
        needles.put(name + " base64", Base64.getEncoder().encode(der));
        int line = 0;
        for (String pemLine : pemBodyLines(Pem.pkcs8(issued.privateKey()))) {
            needles.put(name + " PKCS#8 PEM line " + line++, pemLine.getBytes(StandardCharsets.US_ASCII));
        }
        line = 0;
        for (String pemLine : pemBodyLines(Pem.traditional(issued.privateKey()))) {
            needles.put(name + " traditional PEM line " + line++, pemLine.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static List<String> pemBodyLines(String pem) {
        // Short last lines could match by chance; every full line is 64 characters of key material.
        return pem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 40).toList();
    }

    private static void assertNoNeedleIn(Path dir, Map<String, byte[]> needles) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().startsWith("gatehouse.db"));
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            for (Map.Entry<String, byte[]> needle : needles.entrySet()) {
                assertThat(indexOf(content, needle.getValue())).as("%s found in %s", needle.getKey(), file)
                        .isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
