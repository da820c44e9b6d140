package io.gatehouse.inbound;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The TLS side of the HTTPS listener: the server context built from {@code --inbound-tls-cert}/{@code -key}, or
 * from the self-signed certificate in the data directory, and the SHA-256 fingerprint of its leaf, which callers
 * compare or pin.
 */
record ListenerTls(SslContext context, String sha256Fingerprint, Path certFile) {

    static ListenerTls load(InboundSettings settings, SslProvider provider) {
        try {
            List<Path> files = settings.tlsCertFile() != null
                    ? List.of(settings.tlsCertFile(), settings.tlsKeyFile())
                    : SelfSignedListenerCertificate.ensure(settings.dataDir(), settings.inboundDomain());
            SslContext context = SslContextBuilder.forServer(files.get(0).toFile(), files.get(1).toFile())
                    .sslProvider(provider)
                    .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED)
                    .build();
            X509Certificate leaf = SelfSignedListenerCertificate.readCertificate(files.get(0));
            return new ListenerTls(context, fingerprint(leaf), files.get(0));
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot use the inbound HTTPS certificate and key: " + e.getMessage()
                    + " (both must be PEM, and the key must belong to the certificate)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the inbound HTTPS certificate", e);
        }
    }

    /** Uppercase hex with colons, as {@code openssl x509 -fingerprint -sha256} prints it. */
    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot fingerprint the inbound HTTPS certificate", e);
        }
    }
}
