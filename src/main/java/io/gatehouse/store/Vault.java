package io.gatehouse.store;

import java.time.Instant;

/** A tenant. Its id is {@code tnt} followed by 8 lowercase letters or digits. */
public record Vault(String id, String name, Instant createdAt) {
}
