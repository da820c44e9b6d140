package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.MtlsUpstream;
import io.gatehouse.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Absolute-form https requests, per-request credentials on one connection, client keep-alive and 100-continue. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboundRequestFormsIT {
    private static final TestCa PARTNER_CA = TestCa.create("Partner Client CA");
    private static final TestCa UPSTREAM_SERVER_CA = TestCa.create("Upstream Server CA");
    private static MtlsUpstream upstream;

    @TempDir
    Path dataDir;
    @TempDir
    Path workDir;
    private ProxyTestBed bed;

    @BeforeAll
    static void startUpstream() {
        Curl.requireInstalled();
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
    void absoluteFormHttps_twoCredentialsOnOneConnection_eachGetsItsOwnCertificate() throws Exception {
        ProxyTestBed.Credential alice = bed.newCredential();
        ProxyTestBed.Credential bob = bed.newCredential();
        IssuedCertificate aliceCertificate = certificate("alice");
        IssuedCertificate bobCertificate = certificate("bob");
        bed.attach(alice, aliceCertificate);
        bed.attach(bob, bobCertificate);
        String url = "https://localhost:" + upstream.port();

        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            for (int round = 0; round < 2; round++) {
                RawProxyClient.Response forAlice = absoluteGet(client, url + "/alice", alice);
                RawProxyClient.Response forBob = absoluteGet(client, url + "/bob", bob);

                assertThat(forAlice.status()).isEqualTo(200);
                assertThat(forAlice.header("X-Client-Fingerprint")).isEqualTo(aliceCertificate.sha256Fingerprint());
                assertThat(forBob.header("X-Client-Fingerprint")).isEqualTo(bobCertificate.sha256Fingerprint());
                assertThat(forAlice.header("X-Connection-Id")).isNotEqualTo(forBob.header("X-Connection-Id"));
            }
        }
    }

    @Test
    void tunnelRequest_withConnectionClose_isAnsweredThenTheConnectionCloses() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, certificate("closing-client"));
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            SSLContext trust = JdkProxyClient.trusting(bed.outboundCa.certificate());
            client.connect("localhost", upstream.port(), RawProxyClient.basic(credential), trust);

            client.send("GET /close HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            RawProxyClient.Response response = client.readResponse(false);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void tunnelRequest_rejectedWith400_dropsTheRequestPipelinedBehindIt() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, certificate("pipelining-client"));
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            client.connect("localhost", upstream.port(), RawProxyClient.basic(credential),
                    JdkProxyClient.trusting(bed.outboundCa.certificate()));
            // A pooled upstream connection, so that a request let through would go out at once.
            assertThat(client.get("localhost", "/warm-up").status()).isEqualTo(200);

            client.send("GET not-origin-form HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /pipelined-after-400 HTTP/1.1\r\nHost: localhost\r\n\r\n");

            assertThat(client.readResponse(false).status()).isEqualTo(400);
            assertThat(client.isClosedByPeer()).isTrue();
            assertThat(upstream.requests()).noneMatch(seen -> seen.path().equals("/pipelined-after-400"));
        }
    }

    @Test
    void tunnelRequests_keptAlive_shareOneClientConnection() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, certificate("keep-alive-client"));
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            client.connect("localhost", upstream.port(), RawProxyClient.basic(credential),
                    JdkProxyClient.trusting(bed.outboundCa.certificate()));

            RawProxyClient.Response first = client.get("localhost", "/one");
            RawProxyClient.Response second = client.get("localhost", "/two");

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.header("X-Seen-Path")).isEqualTo("/two");
            assertThat(second.header("X-Connection-Id")).isEqualTo(first.header("X-Connection-Id"));
        }
    }

    @Test
    void curlUpload_withExpectContinue_arrivesWholeWithoutTheExpectation() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, certificate("upload-client"));
        Path body = workDir.resolve("body.bin");
        Files.write(body, new byte[3 * 1024 * 1024]);

        Curl.Result result = Curl.run(workDir, "-x", OutboundProxyIT.proxyUrl("http", bed.port(), credential),
                "--cacert", bed.caFile().toString(), "-H", "Expect: 100-continue", "--data-binary",
                "@" + body, "https://localhost:" + upstream.port() + "/upload");

        assertThat(result.status()).as(result.stderr()).isEqualTo(200);
        assertThat(result.header("X-Upload-Bytes")).isEqualTo(Integer.toString(3 * 1024 * 1024));
        assertThat(result.header("X-Seen-Headers").toLowerCase()).doesNotContain("expect");
    }

    private static RawProxyClient.Response absoluteGet(RawProxyClient client, String url,
                                                       ProxyTestBed.Credential credential) throws Exception {
        client.send("GET " + url + " HTTP/1.1\r\nHost: localhost\r\nProxy-Authorization: "
                + RawProxyClient.basic(credential) + "\r\n\r\n");
        return client.readResponse(false);
    }

    private static IssuedCertificate certificate(String name) {
        return PARTNER_CA.leaf(name).keyKind(KeyKind.EC_P256).extendedKeyUsages(KeyPurposeId.id_kp_clientAuth)
                .issue();
    }
}
