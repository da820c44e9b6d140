package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.ChildNode;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import io.gatehouse.testing.VaultFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures the whole console output of a node (Gatehouse at DEBUG) through a run with credential creation, uploads
 * with passphrases, refused uploads, wrong tokens and a graceful stop on SIGTERM: no password, token, passphrase,
 * master key or line of a private key appears.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecretsNotLoggedIT {
    private static final String ADMIN_TOKEN = "admin-token-that-must-not-be-logged-7Qx2";
    private static final String DATABASE_PASSWORD = "database-password-never-logged-9Zk4";
    private static final String PASSPHRASE = "passphrase-never-logged-3Lm8";
    private static final String PKCS12_PASSWORD = "bundle-password-never-logged-5Rt1";
    private static final String WRONG_TOKEN = "wrong-token-never-logged-8Vb6";
    private static final String WRONG_PASSPHRASE = "wrong-passphrase-never-logged-2Wn0";

    @TempDir
    Path dataDir;

    @Test
    void fullRun_logsNoSecret() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(ADMIN_TOKEN, DATABASE_PASSWORD, PASSPHRASE, PKCS12_PASSWORD,
                WRONG_TOKEN, WRONG_PASSPHRASE));
        ChildNode node = ChildNode.start(dataDir, "logback-child-debug.xml", Map.of(
                "GATEHOUSE_ADMIN_TOKEN", ADMIN_TOKEN, "GATEHOUSE_DATABASE_PASSWORD", DATABASE_PASSWORD));
        try (node) {
            ApiClient api = new ApiClient(node.adminUrl(), ADMIN_TOKEN);
            VaultFixture vault = VaultFixture.create(api, "logging");
            secrets.add(api.post(vault.path("credentials"), Map.of()).json().path("password").asText());
            exercise(vault, secrets);
            assertThat(api.withToken(WRONG_TOKEN).get("/api/v1/vaults").status()).isEqualTo(401);
            assertThat(api.withToken(null).post("/api/v1/vaults", Map.of("name", "x")).status()).isEqualTo(401);
        }
        secrets.add(Files.readString(dataDir.resolve("master.key")).strip());
        String output = node.output();

        assertThat(output).contains("Admin API listening on").contains("Configuration version 1 applied")
                .contains("Shutting down").contains("Gatehouse node stopped");
        for (String secret : secrets) {
            assertThat(output).as("the log shows a secret").doesNotContain(secret);
        }
    }

    private static void exercise(VaultFixture vault, List<String> secrets) {
        TestCa ca = TestCa.create("Logging CA");
        IssuedCertificate encrypted = ca.leaf("encrypted").keyKind(KeyKind.EC_P256).issue();
        String encryptedPem = Pem.pkcs8Encrypted(encrypted.privateKey(), PASSPHRASE.toCharArray());
        Map<String, Object> body = vault.outbound(encrypted.certificatePem(), encryptedPem);
        body.put("passphrase", WRONG_PASSPHRASE);
        assertThat(vault.upload(body).errorCode()).isEqualTo("WRONG_PASSPHRASE");
        body.put("passphrase", PASSPHRASE);
        assertThat(vault.upload(body).status()).isEqualTo(201);

        IssuedCertificate plain = ca.leaf("plain").keyKind(KeyKind.RSA_2048).issue();
        IssuedCertificate mismatched = ca.leaf("mismatched").keyKind(KeyKind.RSA_2048).issue();
        Answer mismatch = vault.upload(vault.outbound(plain.certificatePem(), mismatched.privateKeyPem()));
        assertThat(mismatch.errorCode()).isEqualTo("KEY_CERT_MISMATCH");
        assertThat(vault.upload(vault.outbound(plain)).status()).isEqualTo(201);

        IssuedCertificate bundled = ca.leaf("bundled").keyKind(KeyKind.ED25519).issue();
        byte[] bundle = Pem.pkcs12(bundled, PKCS12_PASSWORD.toCharArray());
        assertThat(vault.upload(vault.outboundPkcs12(bundle, PKCS12_PASSWORD)).status()).isEqualTo(201);

        for (IssuedCertificate issued : List.of(encrypted, plain, mismatched, bundled)) {
            Pem.pkcs8(issued.privateKey()).lines().filter(l -> !l.startsWith("-----") && l.length() >= 40)
                    .forEach(secrets::add);
        }
        encryptedPem.lines().filter(l -> !l.startsWith("-----") && l.length() >= 40).forEach(secrets::add);
    }
}
