package io.gatehouse.store;

import java.time.Instant;

/**
 * An inbound route of a vault: requests whose path starts with {@code pathPrefix} (whole segments) go to
 * {@code upstream}, a base URL such as {@code https://api.example.com:8443}. {@code upstreamCaPem} holds extra CA
 * certificates the upstream's server certificate may chain to, or is null.
 */
public record Route(
        String id,
        String vaultId,
        String pathPrefix,
        String upstream,
        String description,
        String upstreamCaPem,
        Instant createdAt) {

    public boolean hasUpstreamCa() {
        return upstreamCaPem != null && !upstreamCaPem.isBlank();
    }
}
