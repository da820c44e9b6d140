package io.gatehouse.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound proxy end to end, with curl and Java's HttpClient as clients and an upstream that requires a client
 * certificate from the partner's CA: interception, authentication, absolute-form forwarding, the TLS listener.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboundProxyIT {
    private static final TestCa PARTNER_CA = TestCa.create("Partner Client CA");
    private static final TestCa UPSTREAM_SERVER_CA = TestCa.create("Upstream Server CA");
    private static MtlsUpstream upstream;
    private static MtlsUpstream plainUpstream;

    @TempDir
    Path dataDir;
    @TempDir
    Path workDir;
    private ProxyTestBed bed;

    @BeforeAll
    static void startUpstreams() {
        Curl.requireInstalled();
        upstream = MtlsUpstream.builder().serverCa(UPSTREAM_SERVER_CA).requireClientsOf(PARTNER_CA.certificate())
                .start();
        plainUpstream = MtlsUpstream.builder().plainHttp().start();
    }

    @AfterAll
    static void stopUpstreams() {
        upstream.close();
        plainUpstream.close();
    }

    @BeforeEach
    void startProxy() {
        bed = ProxyTestBed.start(dataDir, UPSTREAM_SERVER_CA.certificatePem());
    }

    @AfterEach
    void stopProxy() {
        bed.close();
    }

    static IssuedCertificate clientCertificate(String name) {
        return PARTNER_CA.leaf(name).keyKind(KeyKind.EC_P256).extendedKeyUsages(KeyPurposeId.id_kp_clientAuth)
                .issue();
    }

    @Test
    void connect_withCurl_upstreamSeesTheCredentialsCertificate() {
        ProxyTestBed.Credential credential = bed.newCredential();
        IssuedCertificate certificate = clientCertificate("payments-client");
        bed.attach(credential, certificate);

        Curl.Result result = curl(credential, "https://localhost:" + upstream.port() + "/hello?x=1");

        assertThat(result.status()).as(result.stderr()).isEqualTo(200);
        assertThat(result.connectStatus()).isEqualTo(200);
        assertThat(result.header("X-Client-Subject")).isEqualTo("CN=payments-client");
        assertThat(result.header("X-Client-Fingerprint")).isEqualTo(certificate.sha256Fingerprint());
        assertThat(result.header("X-Seen-Path")).isEqualTo("/hello?x=1");
        assertThat(result.header("X-Seen-Headers").toLowerCase()).doesNotContain("proxy-authorization")
                .doesNotContain("proxy-connection");
    }

    @Test
    void connect_withHttpClient_upstreamSeesTheCredentialsCertificate() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        IssuedCertificate certificate = clientCertificate("erp-client");
        bed.attach(credential, certificate);
        HttpClient client = JdkProxyClient.forCredential(bed.port(), credential, bed.outboundCa.certificate());

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + upstream.port() + "/a")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.headers().firstValue("X-Client-Subject")).hasValue("CN=erp-client");
        assertThat(response.headers().firstValue("X-Client-Fingerprint")).hasValue(certificate.sha256Fingerprint());
    }

    @Test
    void connect_toIpLiteral_interceptsWithAnIpCertificate() {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, clientCertificate("ip-client"));

        Curl.Result result = curl(credential, "https://127.0.0.1:" + upstream.port() + "/ip");

        assertThat(result.status()).as(result.stderr()).isEqualTo(200);
        assertThat(result.header("X-Client-Subject")).isEqualTo("CN=ip-client");
    }

    @Test
    void connect_presentsALeafForTheConnectHostSignedByTheOutboundCa() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            RawProxyClient.Response answer = client.connect("partner.test", 443, RawProxyClient.basic(credential),
                    JdkProxyClient.trusting(bed.outboundCa.certificate()));

            X509Certificate leaf = (X509Certificate) client.tlsSession().getPeerCertificates()[0];
            assertThat(answer.status()).isEqualTo(200);
            leaf.verify(bed.outboundCa.certificate().getPublicKey());
            assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(2, "partner.test"));
            assertThat(client.tlsSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
        }
    }

    @Test
    void tlsListener_presentsACertificateForLocalhostItsIpAndTheConfiguredName() throws Exception {
        SSLContext trust = JdkProxyClient.trusting(bed.outboundCa.certificate());
        try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", bed.tlsPort())) {
            socket.startHandshake();

            X509Certificate certificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"),
                    List.of(7, "127.0.0.1"), List.of(2, "proxy.test"));
        }
    }

    @Test
    void connect_withoutCredential_is407WithChallenge() {
        Curl.Result result = Curl.run(workDir, "-x", "http://127.0.0.1:" + bed.port(), "--cacert",
                bed.caFile().toString(), "https://localhost:" + upstream.port() + "/");

        assertThat(result.connectStatus()).isEqualTo(407);
        assertThat(result.header("Proxy-Authenticate")).isEqualTo("Basic realm=\"gatehouse\"");
        assertThat(upstream.requests()).noneMatch(seen -> seen.path().equals("/"));
    }

    @Test
    void connect_withWrongPassword_is407() {
        ProxyTestBed.Credential credential = bed.newCredential();
        ProxyTestBed.Credential wrong = new ProxyTestBed.Credential(credential.id(), credential.username(),
                credential.password() + "x");

        Curl.Result result = curl(wrong, "https://localhost:" + upstream.port() + "/wrong");

        assertThat(result.connectStatus()).isEqualTo(407);
        assertThat(result.header("Proxy-Authenticate")).isEqualTo("Basic realm=\"gatehouse\"");
    }

    @Test
    void connect_withDeletedCredential_is407() {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, clientCertificate("deleted-client"));
        bed.deleteCredential(credential);

        Curl.Result result = curl(credential, "https://localhost:" + upstream.port() + "/deleted");

        assertThat(result.connectStatus()).isEqualTo(407);
        assertThat(upstream.requests()).noneMatch(seen -> seen.path().equals("/deleted"));
    }

    @Test
    void tunnel_whenItsCredentialIsDeleted_answersTheNextRequest407AndCloses() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, clientCertificate("tunnel-client"));
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            client.connect("localhost", upstream.port(), RawProxyClient.basic(credential),
                    JdkProxyClient.trusting(bed.outboundCa.certificate()));
            RawProxyClient.Response first = client.get("localhost", "/before-delete");

            bed.deleteCredential(credential);
            RawProxyClient.Response second = client.get("localhost", "/after-delete");

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(407);
            assertThat(client.isClosedByPeer()).isTrue();
            assertThat(upstream.requests()).noneMatch(seen -> seen.path().equals("/after-delete"));
        }
    }

    @Test
    void absoluteFormHttp_isForwardedPlainWithoutCertificateOrProxyHeaders() {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, clientCertificate("plain-client"));

        Curl.Result result = Curl.run(workDir, "-x", proxyUrl("http", bed.port(), credential),
                "http://127.0.0.1:" + plainUpstream.port() + "/plain/path?q=1");

        assertThat(result.status()).as(result.stderr()).isEqualTo(200);
        assertThat(result.header("X-Seen-Path")).isEqualTo("/plain/path?q=1");
        assertThat(result.header("X-Seen-Host")).isEqualTo("127.0.0.1:" + plainUpstream.port());
        assertThat(result.header("X-Client-Subject")).isEmpty();
        assertThat(result.header("X-Seen-Headers").toLowerCase()).doesNotContain("proxy-authorization")
                .doesNotContain("proxy-connection");
    }

    @Test
    void absoluteFormHttp_withHttpClientWithoutCredential_is407() throws Exception {
        HttpClient client = JdkProxyClient.forCredential(bed.port(), null, bed.outboundCa.certificate());

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + plainUpstream.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(407);
        assertThat(response.headers().firstValue("Proxy-Authenticate")).hasValue("Basic realm=\"gatehouse\"");
    }

    @Test
    void absoluteFormHttp_withHttpClient_isForwarded() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        HttpClient client = JdkProxyClient.forCredential(bed.port(), credential, bed.outboundCa.certificate());

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + plainUpstream.port() + "/jdk")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Seen-Path")).hasValue("/jdk");
    }

    @Test
    void tlsListener_withCurlHttpsProxy_interceptsToo() {
        ProxyTestBed.Credential credential = bed.newCredential();
        IssuedCertificate certificate = clientCertificate("tls-listener-client");
        bed.attach(credential, certificate);

        Curl.Result result = Curl.run(workDir, "-x", proxyUrl("https", bed.tlsPort(), credential).replace(
                "127.0.0.1", "localhost"), "--proxy-cacert", bed.caFile().toString(), "--cacert",
                bed.caFile().toString(), "https://localhost:" + upstream.port() + "/via-tls-listener");

        assertThat(result.status()).as(result.stderr()).isEqualTo(200);
        assertThat(result.header("X-Client-Fingerprint")).isEqualTo(certificate.sha256Fingerprint());
    }

    @Test
    void connect_after407OnTheSameConnection_succeeds() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, clientCertificate("retry-client"));
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            SSLContext trust = JdkProxyClient.trusting(bed.outboundCa.certificate());
            RawProxyClient.Response challenged = client.connect("localhost", upstream.port(), null, trust);

            RawProxyClient.Response accepted = client.connect("localhost", upstream.port(),
                    RawProxyClient.basic(credential), trust);

            assertThat(challenged.status()).isEqualTo(407);
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(client.get("localhost", "/after-retry").header("X-Client-Subject"))
                    .isEqualTo("CN=retry-client");
        }
    }

    @Test
    void fullExchanges_neverLogThePasswordTheAuthorizationOrTheKey() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        IssuedCertificate certificate = clientCertificate("secret-client");
        bed.attach(credential, certificate);
        ProxyTestBed.Credential wrong = new ProxyTestBed.Credential(credential.id(), credential.username(),
                "wrong-" + credential.password());
        String keyBase64 = java.util.Base64.getEncoder().encodeToString(certificate.privateKey().getEncoded());

        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            assertThat(curl(credential, "https://localhost:" + upstream.port() + "/logged").status()).isEqualTo(200);
            assertThat(curl(wrong, "https://localhost:" + upstream.port() + "/logged").connectStatus())
                    .isEqualTo(407);
            Curl.run(workDir, "-x", proxyUrl("http", bed.port(), credential),
                    "http://127.0.0.1:" + plainUpstream.port() + "/logged");
            lines = logs.lines();
        }

        assertThat(lines).isNotEmpty();
        for (ProxyTestBed.Credential used : List.of(credential, wrong)) {
            String basic = RawProxyClient.basic(used).substring("Basic ".length());
            assertThat(lines).noneMatch(line -> line.contains(used.password()) || line.contains(basic));
        }
        assertThat(lines).noneMatch(line -> line.contains(keyBase64.substring(48, 88)));
    }

    @Test
    void clientNotTrustingTheOutboundCa_failsItsHandshakeAndTheProxyLogsOneWarning() {
        ProxyTestBed.Credential credential = bed.newCredential();

        List<String> warnings;
        Curl.Result result;
        try (CapturedLogs logs = new CapturedLogs()) {
            result = Curl.run(workDir, "-x", proxyUrl("http", bed.port(), credential),
                    "https://localhost:" + upstream.port() + "/untrusted");
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.lines().stream()
                    .anyMatch(line -> line.contains("TLS handshake with the client")));
            warnings = logs.lines().stream().filter(line -> line.contains("TLS handshake with the client")).toList();
        }

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(60);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("localhost");
    }

    @Test
    void close_closesTheListenersAndOpenClientConnections() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        bed.attach(credential, clientCertificate("closed-client"));
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            client.connect("localhost", upstream.port(), RawProxyClient.basic(credential),
                    JdkProxyClient.trusting(bed.outboundCa.certificate()));
            assertThat(client.get("localhost", "/before-close").status()).isEqualTo(200);

            bed.server.close();

            assertThat(client.isClosedByPeer()).isTrue();
            assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", bed.port()).close())
                    .isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void originFormWithoutConnect_is400() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            client.send("GET /not-a-proxy-request HTTP/1.1\r\nHost: example\r\nProxy-Authorization: "
                    + RawProxyClient.basic(credential) + "\r\n\r\n");

            RawProxyClient.Response response = client.readResponse(false);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("forward proxy");
        }
    }

    @Test
    void absoluteFormOfAnotherScheme_is400() throws Exception {
        ProxyTestBed.Credential credential = bed.newCredential();
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            client.send("GET ftp://example/file HTTP/1.1\r\nHost: example\r\nProxy-Authorization: "
                    + RawProxyClient.basic(credential) + "\r\n\r\n");

            RawProxyClient.Response response = client.readResponse(false);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("http:// and https://");
        }
    }

    @Test
    void requestLineTooLong_is414() throws Exception {
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            client.send("GET http://example/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: example\r\n\r\n");

            assertThat(client.readResponse(false).status()).isEqualTo(414);
        }
    }

    @Test
    void headersTooLarge_is431() throws Exception {
        try (RawProxyClient client = new RawProxyClient(bed.port())) {
            client.send("GET http://example/ HTTP/1.1\r\nHost: example\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

            assertThat(client.readResponse(false).status()).isEqualTo(431);
        }
    }

    private Curl.Result curl(ProxyTestBed.Credential credential, String url) {
        return Curl.run(workDir, "-x", proxyUrl("http", bed.port(), credential), "--cacert",
                bed.caFile().toString(), url);
    }

    static String proxyUrl(String scheme, int port, ProxyTestBed.Credential credential) {
        return scheme + "://" + credential.username() + ":" + credential.password() + "@127.0.0.1:" + port;
    }
}
