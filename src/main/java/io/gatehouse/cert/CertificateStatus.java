package io.gatehouse.cert;

import java.time.Duration;
import java.time.Instant;

/** Where a certificate stands in its validity period at a given instant. */
public enum CertificateStatus {
    SCHEDULED,
    ACTIVE,
    EXPIRING_SOON,
    EXPIRED;

    static final Duration EXPIRING_SOON_WINDOW = Duration.ofDays(30);

    public static CertificateStatus at(Instant notBefore, Instant notAfter, Instant now) {
        if (now.isBefore(notBefore)) {
            return SCHEDULED;
        }
        if (!now.isBefore(notAfter)) {
            return EXPIRED;
        }
        return now.plus(EXPIRING_SOON_WINDOW).isBefore(notAfter) ? ACTIVE : EXPIRING_SOON;
    }
}
