package io.gatehouse.cert;

import java.time.Instant;
import java.util.List;

/**
 * What the API and dashboard show of a certificate. {@code serialNumber} is uppercase hex and
 * {@code sha256Fingerprint} uppercase hex with colons, as {@code openssl x509 -serial -fingerprint -sha256} print
 * them; {@code keyAlgorithm} is {@code RSA}, {@code EC} or {@code Ed25519}; {@code chainLength} counts the leaf.
 */
public record CertificateSummary(
        String commonName,
        String subject,
        String signer,
        String serialNumber,
        String sha256Fingerprint,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        int keySize,
        List<String> subjectAltNames,
        int chainLength) {
}
