package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MtlsUpstreamIT {
    private final TestCa clientCa = TestCa.create("Client CA");

    @Test
    void request_withClientCertificate_isAnsweredWithItsSubject() throws Exception {
        IssuedCertificate client = clientCa.leaf("fixture-client").keyKind(KeyKind.EC_P256).issue();
        try (MtlsUpstream upstream = MtlsUpstream.builder().requireClientsOf(clientCa.certificate()).start()) {
            HttpResponse<String> response = send(upstream, client, "/hello?x=1");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Client-Subject")).hasValue("CN=fixture-client");
            assertThat(response.headers().firstValue("X-Client-Fingerprint")).hasValue(client.sha256Fingerprint());
            assertThat(response.headers().firstValue("X-Seen-Path")).hasValue("/hello?x=1");
            assertThat(upstream.requests()).singleElement()
                    .satisfies(seen -> assertThat(seen.clientSubject()).isEqualTo("CN=fixture-client"));
            assertThat(upstream.handshakes()).isEqualTo(1);
        }
    }

    @Test
    void request_withoutClientCertificate_isRefused() {
        try (MtlsUpstream upstream = MtlsUpstream.builder().requireClientsOf(clientCa.certificate()).start()) {
            assertThatThrownBy(() -> send(upstream, null, "/")).isInstanceOf(IOException.class);
            assertThat(upstream.requests()).isEmpty();
        }
    }

    private static HttpResponse<String> send(MtlsUpstream upstream, IssuedCertificate client, String path)
            throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server-ca", upstream.serverCa().certificate());
        TrustManagerFactory trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustFactory.init(trust);
        KeyManagerFactory keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            keys.setKeyEntry("client", client.privateKey(), new char[0], client.chain().toArray(Certificate[]::new));
        }
        keyFactory.init(keys, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyFactory.getKeyManagers(), trustFactory.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + upstream.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
