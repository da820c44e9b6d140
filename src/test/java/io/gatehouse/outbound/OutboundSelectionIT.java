package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.MtlsUpstream;
import io.gatehouse.testing.TestCa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which certificate the outbound proxy presents for a credential, as the configuration changes under it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboundSelectionIT {
    private static final TestCa PARTNER_CA = TestCa.create("Partner Client CA");
    private static final TestCa UPSTREAM_SERVER_CA = TestCa.create("Upstream Server CA");
    private static MtlsUpstream upstream;

    @TempDir
    Path dataDir;
    private ProxyTestBed bed;

    @BeforeAll
    static void startUpstream() {
        upstream = MtlsUpstream.builder().serverCa(UPSTREAM_SERVER_CA).requireClientsOf(PARTNER_CA.certificate())
                .start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void startProxy() {
        bed = ProxyTestBed.start(dataDir, UPSTREAM_SERVER_CA.certificatePem());
    }

    @AfterEach
    void stopProxy() {
        bed.close();
    }

    @Test
    void twoCredentials_interleaved_neverShareACertificateOrAConnection() throws Exception {
        ProxyTestBed.Credential alice = bed.newCredential();
        ProxyTestBed.Credential bob = bed.newCredential();
        IssuedCertificate aliceCertificate = certificate("alice", Instant.now().minus(Duration.ofDays(1)));
        IssuedCertificate bobCertificate = certificate("bob", Instant.now().minus(Duration.ofDays(1)));
        bed.attach(alice, aliceCertificate);
        bed.attach(bob, bobCertificate);
        HttpClient aliceClient = client(alice);
        HttpClient bobClient = client(bob);
        Set<String> aliceConnections = new HashSet<>();
        Set<String> bobConnections = new HashSet<>();

        for (int round = 0; round < 4; round++) {
            HttpResponse<String> forAlice = get(aliceClient, "/alice-" + round);
            HttpResponse<String> forBob = get(bobClient, "/bob-" + round);

            assertThat(fingerprint(forAlice)).isEqualTo(aliceCertificate.sha256Fingerprint());
            assertThat(fingerprint(forBob)).isEqualTo(bobCertificate.sha256Fingerprint());
            aliceConnections.add(forAlice.headers().firstValue("X-Connection-Id").orElseThrow());
            bobConnections.add(forBob.headers().firstValue("X-Connection-Id").orElseThrow());
        }

        assertThat(aliceConnections).doesNotContainAnyElementsOf(bobConnections);
    }

    @Test
    void newerCertificate_uploaded_isPresentedFromTheNextRequest() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        IssuedCertificate old = certificate("old", Instant.now().minus(Duration.ofDays(2)));
        IssuedCertificate renewed = certificate("renewed", Instant.now().minus(Duration.ofDays(1)));
        bed.attach(credential, old);
        HttpClient client = client(credential);
        assertThat(fingerprint(get(client, "/before"))).isEqualTo(old.sha256Fingerprint());

        bed.attach(credential, renewed);

        assertThat(fingerprint(get(client, "/after"))).isEqualTo(renewed.sha256Fingerprint());
    }

    @Test
    void scheduledCertificate_takesOverByItselfAtItsNotBefore() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        IssuedCertificate current = certificate("current", Instant.now().minus(Duration.ofDays(1)));
        Instant startsAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        IssuedCertificate scheduled = certificate("scheduled", startsAt);
        bed.attach(credential, current);
        bed.attach(credential, scheduled);
        HttpClient client = client(credential);

        assertThat(fingerprint(get(client, "/early"))).isEqualTo(current.sha256Fingerprint());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(fingerprint(get(client, "/later"))).isEqualTo(scheduled.sha256Fingerprint()));
        assertThat(Instant.now()).isAfterOrEqualTo(startsAt);
    }

    @Test
    void onlyCertificateDeleted_nextRequestGoesWithoutOneAndIs502TlsFailed() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        IssuedCertificate only = certificate("only", Instant.now().minus(Duration.ofDays(1)));
        String id = bed.attach(credential, only);
        HttpClient client = client(credential);
        assertThat(get(client, "/with").statusCode()).isEqualTo(200);

        bed.deleteCertificate(id);
        HttpResponse<String> without = get(client, "/without");

        assertThat(without.statusCode()).isEqualTo(502);
        assertThat(without.headers().firstValue("X-Gatehouse-Error")).hasValue("upstream_tls_failed");
        assertThat(upstream.requests()).noneMatch(seen -> seen.path().equals("/without"));
    }

    private HttpClient client(ProxyTestBed.Credential credential) {
        return JdkProxyClient.forCredential(bed.port(), credential, bed.outboundCa.certificate());
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + upstream.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String fingerprint(HttpResponse<String> response) {
        return response.headers().firstValue("X-Client-Fingerprint").orElse("none, status " + response.statusCode());
    }

    private static IssuedCertificate certificate(String name, Instant notBefore) {
        return PARTNER_CA.leaf(name).keyKind(KeyKind.EC_P256).extendedKeyUsages(KeyPurposeId.id_kp_clientAuth)
                .validity(notBefore, Instant.now().plus(Duration.ofDays(90))).issue();
    }
}
