package io.gatehouse.upstream;

import static java.util.Objects.requireNonNull;

/**
 * The client certificate an upstream connection presents: one uploaded certificate, its chain exactly as uploaded
 * (leaf first) and its private key, still sealed. Certificates are immutable once stored, so the id names exactly
 * one version of the key material; a rotation is a new id. The key is unsealed only when a TLS context is built.
 */
public record TlsIdentity(String certificateId, String vaultId, String chainPem, byte[] sealedPrivateKey) {

    public TlsIdentity {
        requireNonNull(certificateId, "certificateId");
        requireNonNull(vaultId, "vaultId");
        requireNonNull(chainPem, "chainPem");
        requireNonNull(sealedPrivateKey, "sealedPrivateKey");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsIdentity that && certificateId.equals(that.certificateId);
    }

    @Override
    public int hashCode() {
        return certificateId.hashCode();
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + certificateId + "]";
    }
}
