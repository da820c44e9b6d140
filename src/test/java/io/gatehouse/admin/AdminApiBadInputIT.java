package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import io.gatehouse.testing.TestNode;
import io.gatehouse.testing.VaultFixture;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of PRODUCT.md's bad-input table, and the API's other refusals, over real HTTP: each answers its status
 * and code, stores nothing (the vault's certificates and audit log are unchanged) and never answers 5xx.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminApiBadInputIT {
    private static final AtomicInteger VAULTS = new AtomicInteger();
    private static final TestCa CA = TestCa.create("Bad Input Test CA");
    private static final IssuedCertificate GOOD = CA.leaf("good-client").keyKind(KeyKind.EC_P256).issue();

    @TempDir
    static Path dataDir;
    static TestNode node;

    private VaultFixture vault;
    private int auditBefore;

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
        vault = VaultFixture.create(node.api(), "bad-input-" + VAULTS.incrementAndGet());
        auditBefore = vault.auditSize();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(vault.certificates()).isEmpty();
        assertThat(vault.auditSize()).isEqualTo(auditBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "empty", "notPem", "truncated", "notACertificate"})
    void upload_withBadCertificate_isInvalidCertificate(String variant) {
        String pem = GOOD.certificatePem();
        Map<String, Object> body = vault.outbound(switch (variant) {
            case "empty" -> "";
            case "notPem" -> "this is not a certificate";
            case "truncated" -> pem.substring(0, pem.length() / 2);
            case "notACertificate" -> GOOD.privateKeyPem();
            default -> null;
        }, GOOD.privateKeyPem());
        if (variant.equals("missing")) {
            body.remove("certificate");
        }

        assertRefused(vault.upload(body), 400, "INVALID_CERTIFICATE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "unparseable"})
    void upload_withMissingOrUnparseableKey_isInvalidPrivateKey(String variant) {
        Map<String, Object> body = vault.outbound(GOOD.certificatePem(),
                variant.equals("missing") ? null : "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        assertRefused(vault.upload(body), 400, "INVALID_PRIVATE_KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DSA_2048", "RSA_1024"})
    void upload_withUnsupportedKeyKind_isInvalidPrivateKey(String kind) {
        IssuedCertificate weak = CA.leaf("weak").keyKind(KeyKind.valueOf(kind)).issue();

        assertRefused(vault.upload(vault.outbound(weak)), 400, "INVALID_PRIVATE_KEY");
    }

    @Test
    void upload_withKeyOfAnotherCertificate_isKeyCertMismatch() {
        IssuedCertificate other = CA.leaf("other").keyKind(KeyKind.EC_P256).issue();

        assertRefused(vault.upload(vault.outbound(GOOD.certificatePem(), other.privateKeyPem())), 400,
                "KEY_CERT_MISMATCH");
    }

    @Test
    void upload_withEncryptedKeyAndNoPassphrase_isPassphraseRequired() {
        String encrypted = Pem.pkcs8Encrypted(GOOD.privateKey(), "correct horse".toCharArray());

        assertRefused(vault.upload(vault.outbound(GOOD.certificatePem(), encrypted)), 400, "PASSPHRASE_REQUIRED");
    }

    @Test
    void upload_withEncryptedKeyAndWrongPassphrase_isWrongPassphrase() {
        Map<String, Object> body = vault.outbound(GOOD.certificatePem(),
                Pem.pkcs8Encrypted(GOOD.privateKey(), "correct horse".toCharArray()));
        body.put("passphrase", "battery staple");

        Answer answer = vault.upload(body);

        assertRefused(answer, 400, "WRONG_PASSPHRASE");
        assertThat(answer.body()).doesNotContain("battery staple").doesNotContain("correct horse");
    }

    @Test
    void upload_ofPkcs12WithWrongPassword_isWrongPassphrase() {
        byte[] bundle = Pem.pkcs12(GOOD, "bundle-password".toCharArray());

        Answer answer = vault.upload(vault.outboundPkcs12(bundle, "not-the-password"));

        assertRefused(answer, 400, "WRONG_PASSPHRASE");
        assertThat(answer.body()).doesNotContain("not-the-password");
    }

    @Test
    void upload_ofExpiredCertificate_isCertificateExpired() {
        IssuedCertificate expired = CA.leaf("expired").keyKind(KeyKind.EC_P256)
                .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).issue();

        assertRefused(vault.upload(vault.outbound(expired)), 400, "CERTIFICATE_EXPIRED");
    }

    @Test
    void upload_ofServerOnlyCertificate_isNotAClientCertificate() {
        IssuedCertificate server = CA.leaf("server").keyKind(KeyKind.EC_P256).serverOnly().issue();

        assertRefused(vault.upload(vault.outbound(server)), 400, "NOT_A_CLIENT_CERTIFICATE");
    }

    @Test
    void upload_withIntermediateThatDoesNotChain_isInvalidChain() {
        TestCa unrelated = TestCa.create("Unrelated Root").intermediate("Unrelated Issuing CA");
        String chain = GOOD.certificatePem() + unrelated.certificatePem();

        assertRefused(vault.upload(vault.outbound(chain, GOOD.privateKeyPem())), 400, "INVALID_CHAIN");
    }

    @Test
    void upload_toUnknownCredential_isUnknownCredential() {
        Map<String, Object> body = vault.outbound(GOOD);
        body.put("credentialId", "crdnosuchone");

        assertRefused(vault.upload(body), 404, "UNKNOWN_CREDENTIAL");
    }

    @Test
    void upload_toCredentialOfAnotherVault_isUnknownCredential() {
        VaultFixture other = VaultFixture.create(node.api(), "other-" + VAULTS.incrementAndGet());
        Map<String, Object> body = vault.outbound(GOOD);
        body.put("credentialId", other.credentialId());

        assertRefused(vault.upload(body), 404, "UNKNOWN_CREDENTIAL");
        assertThat(other.certificates()).isEmpty();
    }

    @Test
    void upload_toUnknownRoute_isUnknownRoute() {
        Map<String, Object> body = vault.inbound(GOOD.chainPem(), GOOD.privateKeyPem());
        body.put("routeId", "rtenosuchone");

        assertRefused(vault.upload(body), 404, "UNKNOWN_ROUTE");
    }

    @Test
    void upload_toRouteOfAnotherVault_isUnknownRoute() {
        VaultFixture other = VaultFixture.create(node.api(), "other-" + VAULTS.incrementAndGet());
        Map<String, Object> body = vault.inbound(GOOD.chainPem(), GOOD.privateKeyPem());
        body.put("routeId", other.routeId());

        assertRefused(vault.upload(body), 404, "UNKNOWN_ROUTE");
        assertThat(other.certificates()).isEmpty();
    }

    @Test
    void upload_outboundWithRoute_isInvalidAssociation() {
        Map<String, Object> body = vault.outbound(GOOD);
        body.remove("credentialId");
        body.put("routeId", vault.routeId());

        assertRefused(vault.upload(body), 400, "INVALID_ASSOCIATION");
    }

    @Test
    void upload_inboundWithCredential_isInvalidAssociation() {
        Map<String, Object> body = vault.inbound(GOOD.chainPem(), GOOD.privateKeyPem());
        body.remove("routeId");
        body.put("credentialId", vault.credentialId());

        assertRefused(vault.upload(body), 400, "INVALID_ASSOCIATION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIDEWAYS", ""})
    void upload_withUnknownProxyType_isInvalidAssociation(String proxyType) {
        Map<String, Object> body = vault.outbound(GOOD);
        body.put("proxyType", proxyType);

        assertRefused(vault.upload(body), 400, "INVALID_ASSOCIATION");
    }

    @Test
    void upload_ofSameCertificateTwiceToOneTarget_isDuplicateCertificate() {
        assertThat(vault.upload(vault.outbound(GOOD)).status()).isEqualTo(201);
        int auditAfterFirst = vault.auditSize();

        assertRefused(vault.upload(vault.outbound(GOOD)), 409, "DUPLICATE_CERTIFICATE");

        assertThat(vault.certificates()).hasSize(1);
        assertThat(vault.auditSize()).isEqualTo(auditAfterFirst);
        vault.api().delete(vault.path("certificates/" + vault.certificates().get(0).path("id").asText()));
        auditBefore = vault.auditSize();
    }

    @Test
    void upload_overOneMebibyteWithContentLength_isPayloadTooLarge() throws Exception {
        // The answer comes from the announced length alone, before a byte of the body is read: a raw request that
        // announces too much and sends nothing more reads its 413 deterministically. (A client streaming the body
        // regardless may see the connection close under it, and the JDK 17 HttpClient waits forever for a 100
        // Continue that a refusal never sends.)
        URI url = node.adminUrl();
        String head = "POST " + vault.path("certificates") + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + "Authorization: Bearer " + TestNode.ADMIN_TOKEN + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + (JsonRequest.MAX_BODY_BYTES + 1) + "\r\n\r\n";

        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        }
    }

    @Test
    void upload_overOneMebibyteChunked_isPayloadTooLarge() {
        byte[] big = ("{\"description\":\"" + "x".repeat(JsonRequest.MAX_BODY_BYTES + 10) + "\"}").getBytes();

        Answer answer = vault.api().send(vault.api().builder(vault.path("certificates"))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertRefused(answer, 413, "PAYLOAD_TOO_LARGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[1,2]", "{\"proxyType\": 7}", "{\"a\":1} trailing"})
    void upload_withMalformedOrMistypedJson_isInvalidRequest(String body) {
        assertRefused(vault.api().post(vault.path("certificates"), body), 400, "INVALID_REQUEST");
    }

    @Test
    void anyApiCall_withoutToken_isUnauthorized() {
        ApiClient anonymous = vault.api().withToken(null);

        assertRefused(anonymous.get("/api/v1/vaults"), 401, "UNAUTHORIZED");
        assertRefused(anonymous.post(vault.path("certificates"), vault.outbound(GOOD)), 401, "UNAUTHORIZED");
    }

    @Test
    void anyApiCall_withWrongToken_isUnauthorized() {
        ApiClient wrong = vault.api().withToken(TestNode.ADMIN_TOKEN + "x");

        assertRefused(wrong.get("/api/v1/vaults"), 401, "UNAUTHORIZED");
        assertRefused(wrong.post("/api/v1/vaults", Map.of("name", "sneaky")), 401, "UNAUTHORIZED");
        assertThat(node.api().get("/api/v1/vaults").body()).doesNotContain("sneaky");
    }

    @Test
    void deleteCredential_withCertificateAttached_isConflictNamingIt() {
        String certificateId = vault.upload(vault.outbound(GOOD)).json().path("id").asText();
        auditBefore = vault.auditSize();

        Answer answer = vault.api().delete(vault.path("credentials/" + vault.credentialId()));

        assertRefused(answer, 409, "CERTIFICATES_ATTACHED");
        assertThat(answer.errorMessage()).contains(certificateId);
        vault.api().delete(vault.path("certificates/" + certificateId));
        auditBefore = vault.auditSize();
    }

    @Test
    void deleteRoute_withCertificateAttached_isConflictNamingIt() {
        String certificateId = vault.upload(vault.inbound(GOOD.chainPem(), GOOD.privateKeyPem()))
                .json().path("id").asText();
        auditBefore = vault.auditSize();

        Answer answer = vault.api().delete(vault.path("routes/" + vault.routeId()));

        assertRefused(answer, 409, "CERTIFICATES_ATTACHED");
        assertThat(answer.errorMessage()).contains(certificateId);
        vault.api().delete(vault.path("certificates/" + certificateId));
        auditBefore = vault.auditSize();
    }

    @Test
    void createVault_withoutName_isInvalidRequest() {
        assertRefused(vault.api().post("/api/v1/vaults", Map.of()), 400, "INVALID_REQUEST");
        assertRefused(vault.api().post("/api/v1/vaults", Map.of("name", 42)), 400, "INVALID_REQUEST");
    }

    @Test
    void anyVaultCall_forUnknownVault_isUnknownVault() {
        assertRefused(vault.api().get("/api/v1/vaults/tntnosuch1/certificates"), 404, "UNKNOWN_VAULT");
        assertRefused(vault.api().post("/api/v1/vaults/tntnosuch1/credentials", Map.of()), 404, "UNKNOWN_VAULT");
    }

    @Test
    void unknownIds_areNotFound() {
        assertRefused(vault.api().get(vault.path("certificates/crtnosuch")), 404, "UNKNOWN_CERTIFICATE");
        assertRefused(vault.api().delete(vault.path("certificates/crtnosuch")), 404, "UNKNOWN_CERTIFICATE");
        assertRefused(vault.api().get(vault.path("routes/rtenosuch")), 404, "UNKNOWN_ROUTE");
        assertRefused(vault.api().delete(vault.path("credentials/crdnosuch")), 404, "UNKNOWN_CREDENTIAL");
        assertRefused(vault.api().get("/api/v1/nothing-here"), 404, "NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "https://", "upstream.example", "https://user:pw@host",
        "https://host/path", "https://host?q=1", "https://host#frag", "not a url at all"})
    void createRoute_withBadUpstream_isInvalidRoute(String upstream) {
        assertRefused(vault.api().post(vault.path("routes"), Map.of("upstream", upstream)), 400, "INVALID_ROUTE");
        assertThat(vault.api().get(vault.path("routes")).json().path("items")).hasSize(1);
    }

    @Test
    void createRoute_withRelativePathPrefix_isInvalidRoute() {
        assertRefused(vault.api().post(vault.path("routes"), Map.of("upstream", "https://host",
                "pathPrefix", "pay")), 400, "INVALID_ROUTE");
    }

    @Test
    void createRoute_withUnparseableCa_isInvalidUpstreamCa() {
        assertRefused(vault.api().post(vault.path("routes"), Map.of("upstream", "https://host",
                "upstreamCaPem", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")), 400,
                "INVALID_UPSTREAM_CA");
        assertRefused(vault.api().post(vault.path("routes"), Map.of("upstream", "https://host",
                "upstreamCaPem", "garbage")), 400, "INVALID_UPSTREAM_CA");
    }

    @Test
    void updateRoute_withBadUpstream_isInvalidRouteAndKeepsTheRoute() {
        assertRefused(vault.api().put(vault.path("routes/" + vault.routeId()), Map.of("upstream", "gopher://x")),
                400, "INVALID_ROUTE");
        assertThat(vault.api().get(vault.path("routes/" + vault.routeId())).json().path("upstream").asText())
                .isEqualTo("https://upstream.example:8443");
    }

    private static void assertRefused(Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isLessThan(500).isEqualTo(status);
        assertThat(answer.errorCode()).as(answer.body()).isEqualTo(code);
        assertThat(answer.errorMessage()).isNotBlank();
    }
}
