package io.gatehouse.secret;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;

/**
 * Seals private keys with AES-256-GCM under the master key before they reach the store. Each sealed key is bound to
 * the record it belongs to (the certificate id, or {@code outbound-ca}) as associated data, so a sealed key copied
 * onto another record does not open.
 */
public final class KeySealer {
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private final MasterKey masterKey;

    public KeySealer(MasterKey masterKey) {
        this.masterKey = requireNonNull(masterKey, "masterKey");
    }

    public byte[] seal(byte[] plaintext, String boundTo) {
        try {
            return masterKey.aead().encrypt(plaintext, associatedData(boundTo));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a secret for " + boundTo, e);
        }
    }

    public byte[] unseal(byte[] sealed, String boundTo) {
        try {
            return masterKey.aead().decrypt(sealed, associatedData(boundTo));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unseal the secret of " + boundTo
                    + ": it was sealed under another master key or for another record");
        }
    }

    /** Seals the key's PKCS#8 encoding. */
    public byte[] sealPrivateKey(PrivateKey key, String boundTo) {
        byte[] pkcs8 = key.getEncoded();
        try {
            return seal(pkcs8, boundTo);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    public PrivateKey unsealPrivateKey(byte[] sealed, String boundTo) {
        byte[] pkcs8 = unseal(sealed, boundTo);
        try {
            return decodePkcs8(pkcs8, boundTo);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private static PrivateKey decodePkcs8(byte[] pkcs8, String boundTo) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | NoSuchAlgorithmException e) {
                // Not this algorithm; the PKCS#8 header names it, but trying is simpler than parsing it.
                continue;
            }
        }
        throw new IllegalStateException("The unsealed key of " + boundTo + " is not an RSA, EC or Ed25519 key");
    }

    private static byte[] associatedData(String boundTo) {
        return ("gatehouse:" + requireNonNull(boundTo, "boundTo")).getBytes(StandardCharsets.UTF_8);
    }
}
