package io.gatehouse.cert;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * Checks that a leaf can serve as a TLS client certificate now: it has not expired (one that is not yet valid is
 * accepted and shown as scheduled) and, if it restricts its extended key usage, that clientAuth or
 * anyExtendedKeyUsage is among them.
 */
final class ClientCertificateCheck {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final Clock clock;

    ClientCertificateCheck(Clock clock) {
        this.clock = clock;
    }

    void requireUsable(X509Certificate leaf) throws CertificateRejectedException {
        CertificateStatus status = CertificateStatus.at(leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(), clock.instant());
        if (status == CertificateStatus.EXPIRED) {
            throw new CertificateRejectedException(IntakeError.CERTIFICATE_EXPIRED, "The certificate expired on "
                    + leaf.getNotAfter().toInstant() + "; upload a renewed certificate.");
        }
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException | RuntimeException e) {
            throw new CertificateRejectedException(IntakeError.INVALID_CERTIFICATE,
                    "The certificate's extended key usage extension is malformed; export it again.");
        }
        if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw new CertificateRejectedException(IntakeError.NOT_A_CLIENT_CERTIFICATE, "The certificate's "
                    + "extended key usage does not include clientAuth; ask its issuer for a client certificate.");
        }
    }
}
