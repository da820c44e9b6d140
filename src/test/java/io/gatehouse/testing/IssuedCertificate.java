package io.gatehouse.testing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate made by a test, its private key, and its chain (leaf first, without the root). */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    /** The leaf alone, as PEM. */
    public String certificatePem() {
        return Pem.of(certificate);
    }

    /** The leaf and its intermediates, as PEM. */
    public String chainPem() {
        return Pem.of(chain.toArray());
    }

    /** The private key as unencrypted PKCS#8 PEM. */
    public String privateKeyPem() {
        return Pem.pkcs8(privateKey);
    }

    public String subjectCn() {
        return certificate.getSubjectX500Principal().getName().replaceFirst("^CN=([^,]*).*$", "$1");
    }

    /** The SHA-256 fingerprint as openssl prints it: uppercase hex with colons. */
    public String sha256Fingerprint() {
        return Pem.sha256Fingerprint(certificate);
    }
}
