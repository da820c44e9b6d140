package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.MtlsUpstream;
import io.gatehouse.testing.PatternBody;
import io.gatehouse.testing.PatternStream;
import io.gatehouse.testing.TestCa;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Upstream failures answered inside the tunnel, large bodies both ways, and clients that hang up mid-body. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboundFailuresIT {
    private static final TestCa PARTNER_CA = TestCa.create("Partner Client CA");
    private static final TestCa UPSTREAM_SERVER_CA = TestCa.create("Upstream Server CA");
    private static final long HUNDRED_MIB = 100L * 1024 * 1024;
    private static MtlsUpstream upstream;

    @TempDir
    Path dataDir;
    @TempDir
    Path workDir;
    private ProxyTestBed bed;
    private ProxyTestBed.Credential credential;

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
        credential = bed.newCredential();
        IssuedCertificate certificate = PARTNER_CA.leaf("streaming-client").keyKind(KeyKind.EC_P256)
                .extendedKeyUsages(KeyPurposeId.id_kp_clientAuth).issue();
        bed.attach(credential, certificate);
    }

    @AfterEach
    void stopProxy() {
        bed.close();
    }

    @Test
    void upstreamRefusingConnections_isAnswered502ConnectFailedInsideTheTunnel() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Curl.Result result = Curl.run(workDir, "-x", OutboundProxyIT.proxyUrl("http", bed.port(), credential),
                "--cacert", bed.caFile().toString(), "https://localhost:" + closedPort + "/");

        assertThat(result.connectStatus()).isEqualTo(200);
        assertThat(result.status()).as(result.stderr()).isEqualTo(502);
        assertThat(result.header("X-Gatehouse-Error")).isEqualTo("upstream_connect_failed");
    }

    @Test
    void upstreamWithUntrustedServerCertificate_is502TlsFailedWithReason() {
        try (MtlsUpstream untrusted = MtlsUpstream.builder().requireClientsOf(PARTNER_CA.certificate()).start()) {
            Curl.Result result = Curl.run(workDir, "-x", OutboundProxyIT.proxyUrl("http", bed.port(), credential),
                    "--cacert", bed.caFile().toString(), "https://localhost:" + untrusted.port() + "/");

            assertThat(result.status()).as(result.stderr()).isEqualTo(502);
            assertThat(result.header("X-Gatehouse-Error")).isEqualTo("upstream_tls_failed");
            assertThat(result.body()).isNotBlank();
            assertThat(untrusted.requests()).isEmpty();
        }
    }

    @Test
    void download_of100MiB_throughConnect_arrivesWhole() throws Exception {
        HttpResponse<InputStream> response = client().send(request("/download?bytes=" + HUNDRED_MIB).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        CRC32 crc = new CRC32();
        long bytes = 0;
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                crc.update(buffer, 0, read);
                bytes += read;
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bytes).isEqualTo(HUNDRED_MIB);
        assertThat(Long.toHexString(crc.getValue())).isEqualTo(response.headers().firstValue("X-Body-Crc32")
                .orElseThrow());
    }

    @Test
    void upload_of100MiB_throughConnect_arrivesWhole() throws Exception {
        HttpResponse<String> response = client().send(request("/upload")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(HUNDRED_MIB))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Upload-Bytes")).hasValue(Long.toString(HUNDRED_MIB));
        assertThat(response.headers().firstValue("X-Upload-Crc32"))
                .hasValue(Long.toHexString(PatternBody.crc32(HUNDRED_MIB)));
    }

    @Test
    void clientHangingUpMidUpload_leavesNoUpstreamConnectionBehind() throws Exception {
        try (MtlsUpstream own = MtlsUpstream.builder().serverCa(UPSTREAM_SERVER_CA)
                .requireClientsOf(PARTNER_CA.certificate()).start()) {
            try (RawProxyClient client = new RawProxyClient(bed.port())) {
                client.connect("localhost", own.port(), RawProxyClient.basic(credential),
                        JdkProxyClient.trusting(bed.outboundCa.certificate()));
                client.send("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + HUNDRED_MIB
                        + "\r\n\r\n");
                OutputStream out = client.output();
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 32; i++) {
                    out.write(chunk);
                }
                out.flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> own.openConnections() > 0);
            }

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(own.openConnections()).isZero());
            assertThat(own.requests()).hasSize(1);
        }
    }

    private HttpClient client() {
        return JdkProxyClient.forCredential(bed.port(), credential, bed.outboundCa.certificate());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + upstream.port() + path))
                .timeout(Duration.ofSeconds(90));
    }
}
