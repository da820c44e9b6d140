package io.gatehouse.upstream;

import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads the certificates of a PEM text, in order; other PEM objects and text between blocks are skipped. The one
 * reader of upstream trust: {@code --upstream-ca}, and a route's CA certificates both when the admin API accepts
 * them and when a connection trusts them, so that what was accepted is what can be read.
 */
public final class PemCertificates {
    private PemCertificates() {
    }

    /** The certificates of {@code pem} in the order they appear; empty for null or blank text. */
    public static List<X509Certificate> parse(String pem, String what) {
        List<X509Certificate> certificates = new ArrayList<>();
        if (pem == null || pem.isBlank()) {
            return certificates;
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new IllegalArgumentException(what + " is not readable PEM: " + e.getMessage(), e);
        }
        return certificates;
    }
}
