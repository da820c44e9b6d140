package io.gatehouse.upstream;

import java.time.Duration;

/**
 * Settings of the upstream side, validated once at start.
 *
 * @param upstreamCaPem the {@code --upstream-ca} file's content, trusted besides the JVM's defaults, or null
 * @param tlsContextCacheSize how many client TLS contexts (one per certificate and trust) are kept built
 * @param maxIdlePerTarget idle connections kept per upstream, identity and event loop; the default, 256, is nginx's
 *                         {@code keepalive 256} per worker: with fewer, 200 busy clients made connections close after
 *                         every exchange and the next one pay a new handshake
 */
public record UpstreamSettings(
        Duration connectTimeout,
        Duration handshakeTimeout,
        Duration responseTimeout,
        Duration idleTimeout,
        int maxIdlePerTarget,
        int tlsContextCacheSize,
        String upstreamCaPem) {

    public static UpstreamSettings defaults() {
        return new UpstreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(60), 256, 1024, null);
    }

    public UpstreamSettings withUpstreamCaPem(String pem) {
        return new UpstreamSettings(connectTimeout, handshakeTimeout, responseTimeout, idleTimeout,
                maxIdlePerTarget, tlsContextCacheSize, pem);
    }
}
