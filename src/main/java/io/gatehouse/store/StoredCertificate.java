package io.gatehouse.store;

import java.time.Instant;
import java.util.List;

/**
 * A certificate as the store keeps it: the uploaded chain as PEM (leaf first), the private key sealed under the
 * master key, and the fields of its summary so that listing needs no parsing. Exactly one of {@code credentialId}
 * and {@code routeId} is set, matching {@code proxyType}.
 */
public record StoredCertificate(
        String id,
        String vaultId,
        ProxyType proxyType,
        String credentialId,
        String routeId,
        String description,
        String chainPem,
        byte[] sealedPrivateKey,
        String subject,
        String signer,
        String serialNumber,
        String sha256Fingerprint,
        Instant notBefore,
        Instant notAfter,
        String keyAlgorithm,
        int keySize,
        List<String> subjectAltNames,
        int chainLength,
        Instant createdAt) {

    /** The credential or route this certificate is attached to. */
    public String targetId() {
        return proxyType == ProxyType.OUTBOUND ? credentialId : routeId;
    }

    @Override
    public String toString() {
        return "StoredCertificate[id=" + id + ", vaultId=" + vaultId + ", proxyType=" + proxyType
                + ", target=" + targetId() + ", fingerprint=" + sha256Fingerprint + "]";
    }
}
