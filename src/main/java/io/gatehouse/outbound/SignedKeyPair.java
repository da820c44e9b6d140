package io.gatehouse.outbound;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and its private key; the outbound CA's own, or a leaf it issued. */
record SignedKeyPair(PrivateKey privateKey, X509Certificate certificate) {

    @Override
    public String toString() {
        return "SignedKeyPair[" + certificate.getSubjectX500Principal().getName() + ", key ****]";
    }
}
