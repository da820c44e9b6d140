package io.gatehouse.outbound;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The trust of a context that asks clients for no certificate: it names no issuer and accepts nothing. Without it,
 * Netty gives every new server context the JVM's default CA list (about 140 certificates), which was most of the
 * 20 ms a leaf-cache miss cost on the event loop (docs/microbenchmarks.md).
 */
final class NoClientCertificates implements X509TrustManager {
    static final NoClientCertificates INSTANCE = new NoClientCertificates();
    private static final X509Certificate[] NONE = new X509Certificate[0];

    private NoClientCertificates() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("This listener does not accept client certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("This listener checks no server certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
