package io.gatehouse.inbound;

import static io.gatehouse.inbound.SnapshotFixtures.vault;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.Pem;
import io.gatehouse.testing.TestCa;
import io.gatehouse.upstream.UpstreamSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS listener: its self-signed certificate, made once and kept, or the one the operator gives. */
@Timeout(60)
class InboundListenerTlsIT {
    private static final String VAULT = "tntabc12345";
    private static final LiveConfig CONFIG = SnapshotFixtures.liveConfig(List.of(vault(VAULT)), List.of());

    @TempDir
    Path dataDir;

    @BeforeAll
    static void requireCurl() throws Exception {
        Curl.requireInstalled();
    }

    @Test
    void selfSigned_firstStart_isMadeIntoDataDirWithOwnerOnlyKey() throws Exception {
        try (InboundServerFixture proxy = InboundServerFixture.start(CONFIG, dataDir)) {
            Path cert = dataDir.resolve("inbound-tls.crt");
            Path key = dataDir.resolve("inbound-tls.key");

            assertThat(Pem.sha256Fingerprint(read(cert))).isEqualTo(proxy.server().tlsFingerprint());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(presentedFingerprint(proxy.httpsPort(), cert, VAULT + ".localhost"))
                    .isEqualTo(proxy.server().tlsFingerprint());
        }
    }

    @Test
    void selfSigned_namesLocalhostVaultNamesAndLoopback() throws Exception {
        try (InboundServerFixture ignored = InboundServerFixture.start(CONFIG, dataDir)) {
            X509Certificate cert = read(dataDir.resolve("inbound-tls.crt"));

            assertThat(cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))))
                    .contains("localhost", "*.localhost", "127.0.0.1");
            assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        }
    }

    @Test
    void selfSigned_restart_reusesTheSameCertificate() throws Exception {
        String first;
        try (InboundServerFixture proxy = InboundServerFixture.start(CONFIG, dataDir)) {
            first = proxy.server().tlsFingerprint();
        }

        try (InboundServerFixture proxy = InboundServerFixture.start(CONFIG, dataDir)) {
            assertThat(proxy.server().tlsFingerprint()).isEqualTo(first);
            assertThat(presentedFingerprint(proxy.httpsPort(), dataDir.resolve("inbound-tls.crt"), "localhost"))
                    .isEqualTo(first);
        }
    }

    /**
     * OpenSSL (so curl) refuses a wildcard right above a top-level name, so {@code *.localhost} does not verify
     * {@code tntabc12345.localhost}; a caller verifies the certificate as {@code localhost} and names the vault in
     * Host. Under a real inbound domain ({@code *.vaults.example.com}) the wildcard verifies as usual.
     */
    @Test
    void curl_overHttpsVerifyingTheSelfSignedCertificate_isRoutedByHost() throws Exception {
        try (InboundServerFixture proxy = InboundServerFixture.start(CONFIG, dataDir)) {
            Curl.Result result = Curl.run("--cacert", dataDir.resolve("inbound-tls.crt").toString(),
                    "-H", "Host: " + VAULT + ".localhost", "https://localhost:" + proxy.httpsPort() + "/pay");

            assertThat(result.exitCode()).as(result.error()).isZero();
            assertThat(result.header("X-Gatehouse-Error")).isEqualTo("no_route");
        }
    }

    @Test
    void configuredCertificate_isPresentedInsteadOfSelfSigned() throws Exception {
        TestCa ca = TestCa.create("Operator CA");
        IssuedCertificate server = ca.leaf("inbound.example").keyKind(KeyKind.EC_P256).serverOnly()
                .dnsName("*.localhost").issue();
        Path cert = Files.writeString(dataDir.resolve("operator.crt"), server.chainPem());
        Path key = Files.writeString(dataDir.resolve("operator.key"), server.privateKeyPem());
        InboundSettings settings = InboundSettings.loopbackEphemeral(dataDir).withTlsFiles(cert, key);

        try (InboundServerFixture proxy = InboundServerFixture.start(CONFIG, InboundServerFixture.newSealer(),
                UpstreamSettings.defaults(), settings)) {
            assertThat(proxy.server().tlsFingerprint()).isEqualTo(server.sha256Fingerprint());
            assertThat(presentedFingerprint(proxy.httpsPort(), cert, VAULT + ".localhost"))
                    .isEqualTo(server.sha256Fingerprint());
            assertThat(dataDir.resolve("inbound-tls.crt")).doesNotExist();
        }
    }

    /** Handshakes with the listener trusting only the given certificate and returns what it presented. */
    private static String presentedFingerprint(int port, Path trusted, String serverName) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", read(trusted));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return Pem.sha256Fingerprint((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }

    private static X509Certificate read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
