package io.gatehouse.cert;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The subject alternative names of a certificate as openssl's configuration syntax writes them:
 * {@code DNS:example.com}, {@code IP:10.0.0.1}, {@code URI:https://...}, {@code email:ops@example.com},
 * {@code DirName:CN=...}, {@code RID:1.2.3}; IPv6 addresses uncompressed and uppercase, as openssl prints them.
 * Kinds openssl cannot print either ({@code otherName}, X.400, EDI party) appear as {@code othername:<unsupported>}
 * and the like.
 */
final class SubjectAltNames {
    private SubjectAltNames() {
    }

    static List<String> of(X509Certificate certificate) throws CertificateRejectedException {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException | RuntimeException e) {
            throw new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE,
                    "The certificate's subject alternative name extension is malformed; export it again.");
        }
        List<String> result = new ArrayList<>();
        if (names != null) {
            for (List<?> name : names) {
                result.add(format((Integer) name.get(0), name.get(1)));
            }
        }
        return List.copyOf(result);
    }

    private static String format(int type, Object value) {
        return switch (type) {
            case 0 -> "othername:<unsupported>";
            case 1 -> "email:" + value;
            case 2 -> "DNS:" + value;
            case 3 -> "X400Name:<unsupported>";
            case 4 -> "DirName:" + value;
            case 5 -> "EdiPartyName:<unsupported>";
            case 6 -> "URI:" + value;
            case 7 -> "IP:" + ip(String.valueOf(value));
            case 8 -> "RID:" + value;
            default -> "unknown:<unsupported>";
        };
    }

    private static String ip(String address) {
        return address.contains(":") ? address.toUpperCase(Locale.ROOT) : address;
    }
}
