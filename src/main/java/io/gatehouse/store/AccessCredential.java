package io.gatehouse.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A username and password of a vault that authenticates a client to the outbound proxy. Only the SHA-256 hash of
 * the password is kept: the password is generated with at least 128 bits of randomness, so a fast hash is as strong
 * as a slow one here, and the proxy can check it on every request.
 */
public record AccessCredential(
        String id, String vaultId, String username, String description, byte[] passwordHash, Instant createdAt) {

    @Override
    public String toString() {
        return "AccessCredential[id=" + id + ", vaultId=" + vaultId + ", username=" + username + "]";
    }

    /**
     * The hash kept for a password: SHA-256 of its UTF-8 bytes. The admin API hashes a new password with it and the
     * outbound proxy hashes a presented one, so the two can never disagree.
     */
    public static byte[] hashPassword(byte[] password, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(password, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Hex of the password hash, for stores that keep text. */
    public String passwordHashHex() {
        return HexFormat.of().formatHex(passwordHash);
    }
}
