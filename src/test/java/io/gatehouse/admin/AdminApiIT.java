package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import io.gatehouse.testing.TestNode;
import io.gatehouse.testing.VaultFixture;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The admin API's happy paths over real HTTP against a whole node. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminApiIT {
    private static final AtomicInteger VAULTS = new AtomicInteger();
    private static final String ISO_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
    private static final TestCa CA = TestCa.create("Admin API Test CA");

    @TempDir
    static Path dataDir;
    static TestNode node;

    private ApiClient api;
    private VaultFixture vault;

    @BeforeAll
    static void startNode() {
        node = TestNode.start(dataDir);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @BeforeEach
    void makeVault() {
        api = node.api();
        vault = VaultFixture.create(api, "happy-" + VAULTS.incrementAndGet());
    }

    @Test
    void createVault_answersTheVault_andListShowsIt() {
        Answer created = api.post("/api/v1/vaults", Map.of("name", "payments"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("id").asText()).matches("tnt[a-z0-9]{8}");
        assertThat(created.json().path("name").asText()).isEqualTo("payments");
        assertThat(created.json().path("createdAt").asText()).matches(ISO_UTC);
        assertThat(api.get("/api/v1/vaults").json().path("items").findValuesAsText("id"))
                .contains(created.json().path("id").asText());
    }

    @Test
    void createCredential_showsPasswordOnce_andListNeverShowsIt() {
        Answer created = api.post(vault.path("credentials"), Map.of("description", "billing"));

        String password = created.json().path("password").asText();
        assertThat(created.status()).isEqualTo(201);
        assertThat(password).matches("[A-Za-z0-9]{32}");
        assertThat(created.json().path("username").asText()).isNotBlank();
        assertThat(created.json().path("description").asText()).isEqualTo("billing");
        Answer list = api.get(vault.path("credentials"));
        assertThat(list.body()).doesNotContain(password).doesNotContain("password").doesNotContain("Hash");
        assertThat(list.json().path("items")).hasSize(2);
    }

    @Test
    void createCredential_withEmptyBody_works() {
        Answer created = api.send(api.builder(vault.path("credentials"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @Test
    void deleteCredential_answers204_andItIsGone() {
        Answer deleted = api.delete(vault.path("credentials/" + vault.credentialId()));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(vault.path("credentials")).json().path("items")).isEmpty();
    }

    @Test
    void routeCrud_createShowUpdateDelete() {
        Answer created = api.post(vault.path("routes"), Map.of("upstream", "https://API.example.com:8443/"));
        String routePath = vault.path("routes/" + created.json().path("id").asText());

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("pathPrefix").asText()).isEqualTo("/");
        assertThat(created.json().path("upstream").asText()).isEqualTo("https://api.example.com:8443");
        assertThat(created.json().path("hasUpstreamCa").asBoolean()).isFalse();
        Answer updated = api.put(routePath, Map.of("upstream", "http://other.example", "pathPrefix", "/v2",
                "description", "second", "upstreamCaPem", CA.certificatePem()));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode shown = api.get(routePath).json();
        assertThat(shown.path("upstream").asText()).isEqualTo("http://other.example");
        assertThat(shown.path("pathPrefix").asText()).isEqualTo("/v2");
        assertThat(shown.path("description").asText()).isEqualTo("second");
        assertThat(shown.path("hasUpstreamCa").asBoolean()).isTrue();
        assertThat(shown.has("upstreamCaPem")).isFalse();
        assertThat(api.get(vault.path("routes")).json().path("items")).hasSize(2);
        assertThat(api.delete(routePath).status()).isEqualTo(204);
        assertThat(api.get(routePath).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(value = KeyKind.class, names = {"RSA_2048", "EC_P256", "EC_P384", "ED25519"})
    void uploadPkcs8_ofEveryKeyKind_answersTheSummary(KeyKind kind) {
        IssuedCertificate issued = CA.leaf("client-" + kind).keyKind(kind).dnsName("client.example").issue();

        Answer answer = vault.upload(vault.outbound(issued));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode c = answer.json();
        assertThat(c.path("id").asText()).isNotBlank();
        assertThat(c.path("description").asText()).isEqualTo("client-" + kind);
        assertThat(c.path("proxyType").asText()).isEqualTo("OUTBOUND");
        assertThat(c.path("credentialId").asText()).isEqualTo(vault.credentialId());
        assertThat(c.has("routeId")).isFalse();
        assertThat(c.path("sha256Fingerprint").asText()).isEqualTo(issued.sha256Fingerprint());
        assertThat(c.path("serialNumber").asText().replaceFirst("^0+", ""))
                .isEqualTo(issued.certificate().getSerialNumber().toString(16).toUpperCase());
        assertThat(c.path("keyAlgorithm").asText()).isEqualTo(kind == KeyKind.ED25519 ? "Ed25519"
                : kind == KeyKind.RSA_2048 ? "RSA" : "EC");
        assertThat(c.path("keySize").asInt()).isPositive();
        assertThat(c.path("chainLength").asInt()).isEqualTo(1);
        assertThat(c.path("notBefore").asText()).matches(ISO_UTC);
        assertThat(c.path("notAfter").asText()).matches(ISO_UTC);
        assertThat(c.path("createdAt").asText()).matches(ISO_UTC);
        assertThat(c.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(c.path("inUse").asBoolean()).isTrue();
        assertThat(c.path("subjectAltNames").toString()).contains("client.example");
        assertThat(answer.body()).doesNotContain("PRIVATE KEY").doesNotContain("privateKey");
    }

    @Test
    void upload_ofTraditionalAndEncryptedKeysAndPkcs12_isAccepted() {
        IssuedCertificate rsa = CA.leaf("pkcs1").keyKind(KeyKind.RSA_2048).issue();
        IssuedCertificate ec = CA.leaf("sec1").keyKind(KeyKind.EC_P256).issue();
        IssuedCertificate encrypted = CA.leaf("encrypted").keyKind(KeyKind.EC_P384).issue();
        IssuedCertificate bundled = CA.leaf("bundled").keyKind(KeyKind.RSA_2048).issue();
        Map<String, Object> encryptedBody = vault.outbound(encrypted.certificatePem(),
                Pem.pkcs8Encrypted(encrypted.privateKey(), "s3cret-phrase".toCharArray()));
        encryptedBody.put("passphrase", "s3cret-phrase");

        Answer[] answers = {
            vault.upload(vault.outbound(rsa.certificatePem(), Pem.traditional(rsa.privateKey()))),
            vault.upload(vault.outbound(ec.certificatePem(), Pem.traditional(ec.privateKey()))),
            vault.upload(encryptedBody),
            vault.upload(vault.outboundPkcs12(Pem.pkcs12(bundled, "p12-pass".toCharArray()), "p12-pass"))};

        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(answer.body()).doesNotContain("s3cret-phrase").doesNotContain("p12-pass");
        }
        assertThat(vault.certificates()).hasSize(4);
    }

    @Test
    void upload_withIntermediate_toRoute_countsTheChain() {
        IssuedCertificate issued = CA.intermediate("Issuing CA").leaf("inbound-client").issue();
        Map<String, Object> body = vault.inbound(issued.chainPem(), issued.privateKeyPem());
        body.put("description", "partner callback");

        Answer answer = vault.upload(body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().path("chainLength").asInt()).isEqualTo(2);
        assertThat(answer.json().path("routeId").asText()).isEqualTo(vault.routeId());
        assertThat(answer.json().path("description").asText()).isEqualTo("partner callback");
        assertThat(answer.json().path("signer").asText()).contains("Issuing CA");
    }

    @Test
    void certificates_listShowDelete_andSelectionMovesToTheNewest() {
        IssuedCertificate older = CA.leaf("older").keyKind(KeyKind.EC_P256)
                .validity(Instant.now().minus(Duration.ofDays(10)), Instant.now().plus(Duration.ofDays(100))).issue();
        IssuedCertificate newer = CA.leaf("newer").keyKind(KeyKind.EC_P256).issue();
        IssuedCertificate scheduled = CA.leaf("scheduled").keyKind(KeyKind.EC_P256)
                .validity(Instant.now().plus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(400))).issue();
        String olderId = vault.upload(vault.outbound(older)).json().path("id").asText();
        String newerId = vault.upload(vault.outbound(newer)).json().path("id").asText();
        Answer scheduledAnswer = vault.upload(vault.outbound(scheduled));

        assertThat(scheduledAnswer.json().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduledAnswer.json().path("inUse").asBoolean()).isFalse();
        assertThat(api.get(vault.path("certificates/" + olderId)).json().path("inUse").asBoolean()).isFalse();
        assertThat(api.get(vault.path("certificates/" + newerId)).json().path("inUse").asBoolean()).isTrue();
        assertThat(vault.certificates()).hasSize(3);
        assertThat(api.delete(vault.path("certificates/" + newerId)).status()).isEqualTo(204);
        assertThat(api.get(vault.path("certificates/" + newerId)).status()).isEqualTo(404);
        assertThat(api.get(vault.path("certificates/" + olderId)).json().path("inUse").asBoolean()).isTrue();
    }

    @Test
    void audit_recordsEveryWrite_withTheActor() {
        String certificateId = vault.upload(vault.outbound(CA.leaf("audited").keyKind(KeyKind.EC_P256).issue()))
                .json().path("id").asText();
        api.delete(vault.path("certificates/" + certificateId));

        JsonNode items = api.get(vault.path("audit")).json().path("items");

        assertThat(items.findValuesAsText("objectId"))
                .contains(vault.vaultId(), vault.credentialId(), vault.routeId(), certificateId);
        assertThat(items.findValuesAsText("actor")).containsOnly("admin-api");
        assertThat(items.findValuesAsText("objectId").stream().filter(certificateId::equals)).hasSize(2);
        assertThat(items.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void healthz_isOpen_andItsVersionFollowsWrites() {
        ApiClient anonymous = api.withToken(null);
        Answer before = anonymous.get("/healthz");

        api.post(vault.path("credentials"), Map.of());
        Answer after = anonymous.get("/healthz");

        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().path("status").asText()).isEqualTo("ok");
        assertThat(after.json().path("configVersion").asLong())
                .isGreaterThan(before.json().path("configVersion").asLong());
    }

    @Test
    void outboundCaDownload_needsNoToken_andIsTheOutboundCaCertificate() throws Exception {
        Answer answer = api.withToken(null).get("/api/v1/outbound-ca.pem");

        assertThat(answer.status()).isEqualTo(200);
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.US_ASCII)));
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getSubjectX500Principal().getName()).contains("Gatehouse");
    }
}
