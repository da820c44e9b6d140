package io.gatehouse.cert;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Checks that uploaded intermediates chain to the leaf in order: each certificate's issuer is the next one's
 * subject and its signature verifies with the next one's key. Upstreams get exactly this chain, so a wrong order
 * or an unrelated certificate is refused as INVALID_CHAIN. Trust in the last certificate is not judged here.
 */
final class ChainCheck {
    private ChainCheck() {
    }

    static void requireOrdered(List<X509Certificate> chain) throws CertificateRejectedException {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            X509Certificate issuer = chain.get(i + 1);
            if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw notChained(i, "is issued by '" + certificate.getIssuerX500Principal().getName()
                        + "', not by the next certificate '" + issuer.getSubjectX500Principal().getName() + "'");
            }
            try {
                certificate.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw notChained(i, "has a signature that the next certificate's key does not verify");
            }
        }
    }

    private static CertificateRejectedException notChained(int index, String problem) {
        return new CertificateRejectedException(IntakeError.INVALID_CHAIN, "Certificate " + (index + 1) + " " + problem
                + "; order the chain leaf first, then each certificate's issuer, and leave out unrelated ones.");
    }
}
