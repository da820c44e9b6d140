package io.gatehouse.cert;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An accepted upload: the chain exactly as uploaded (leaf first), the private key proved to belong to the leaf, and
 * the summary. {@link #toString()} never shows the key.
 */
public record ParsedCertificate(List<X509Certificate> chain, PrivateKey privateKey, CertificateSummary summary) {

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The chain as PEM, each certificate's DER exactly as uploaded, for storage. */
    public String chainPem() {
        return PemWriting.chainPem(chain);
    }

    @Override
    public String toString() {
        return "ParsedCertificate[" + summary.subject() + ", " + summary.sha256Fingerprint() + ", key=****]";
    }
}
