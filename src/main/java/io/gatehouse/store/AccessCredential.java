package io.gatehouse.store;

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

    /** Hex of the password hash, for stores that keep text. */
    public String passwordHashHex() {
        return HexFormat.of().formatHex(passwordHash);
    }
}
