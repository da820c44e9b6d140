package io.gatehouse.config;

import io.gatehouse.store.StoredCertificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the certificate a credential or route presents: the newest one valid at the given instant (latest
 * notBefore, ties to the latest upload). A certificate whose notBefore is ahead therefore takes over by itself.
 */
public final class CertificateSelector {
    /** Newest first, in the order selection prefers them. */
    static final Comparator<StoredCertificate> PREFERENCE = Comparator
            .comparing(StoredCertificate::notBefore)
            .thenComparing(StoredCertificate::createdAt)
            .thenComparing(StoredCertificate::id)
            .reversed();

    private CertificateSelector() {
    }

    /** Selects from candidates sorted by {@link #PREFERENCE}. */
    static Optional<StoredCertificate> select(List<StoredCertificate> newestFirst, Instant now) {
        for (StoredCertificate certificate : newestFirst) {
            if (isValidAt(certificate, now)) {
                return Optional.of(certificate);
            }
        }
        return Optional.empty();
    }

    public static boolean isValidAt(StoredCertificate certificate, Instant now) {
        return !now.isBefore(certificate.notBefore()) && now.isBefore(certificate.notAfter());
    }
}
