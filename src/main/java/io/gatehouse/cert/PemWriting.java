package io.gatehouse.cert;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Writes certificates back to PEM for storage: each certificate's DER exactly as uploaded, base64 in 64-column
 * lines between {@code BEGIN/END CERTIFICATE}, in the given order. {@link PemChainParser} reads the result back to
 * equal certificates.
 */
public final class PemWriting {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private PemWriting() {
    }

    public static String chainPem(List<X509Certificate> chain) {
        requireNonNull(chain, "chain");
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : chain) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(BASE64.encodeToString(encoded(certificate)))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return pem.toString();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            // A certificate we parsed always re-encodes; this would be a programming error.
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
    }
}
