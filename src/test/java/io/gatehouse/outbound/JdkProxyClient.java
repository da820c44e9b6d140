package io.gatehouse.outbound;

import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Java's HttpClient pointed at the outbound proxy, as docs/outbound.md tells users to set it up. */
final class JdkProxyClient {
    static {
        // The JDK refuses Basic proxy authentication for HTTPS tunnels unless this is cleared.
        System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
    }

    private JdkProxyClient() {
    }

    /** A client that uses the proxy with this credential and trusts the outbound CA. */
    static HttpClient forCredential(int proxyPort, ProxyTestBed.Credential credential, X509Certificate outboundCa) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxyPort)))
                .sslContext(trusting(outboundCa))
                .connectTimeout(Duration.ofSeconds(10));
        if (credential != null) {
            builder.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return getRequestorType() == RequestorType.PROXY
                            ? new PasswordAuthentication(credential.username(), credential.password().toCharArray())
                            : null;
                }
            });
        }
        return builder.build();
    }

    static SSLContext trusting(X509Certificate... cas) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (int i = 0; i < cas.length; i++) {
                trust.setCertificateEntry("ca-" + i, cas[i]);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
