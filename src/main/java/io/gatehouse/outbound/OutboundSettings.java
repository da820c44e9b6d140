package io.gatehouse.outbound;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Settings of the outbound proxy, validated once at start.
 *
 * @param plainAddress where clients speak plain HTTP to the proxy ({@code --outbound-address})
 * @param tlsAddress where clients speak TLS to the proxy ({@code --outbound-tls-address}), or null for none
 * @param tlsHostname an extra name for the TLS listener's certificate ({@code --outbound-tls-hostname}), or null
 * @param maxRequestLineLength longest request line accepted; a longer one is answered 414
 * @param maxHeaderSize largest header block accepted; a larger one is answered 431
 * @param leafCacheSize how many intercepted hosts keep their leaf certificate and TLS context built
 * @param clientIdleTimeout how long a client connection may go without reading or writing before it is closed
 */
public record OutboundSettings(
        InetSocketAddress plainAddress,
        InetSocketAddress tlsAddress,
        String tlsHostname,
        int maxRequestLineLength,
        int maxHeaderSize,
        int leafCacheSize,
        Duration clientIdleTimeout) {

    public OutboundSettings {
        requireNonNull(plainAddress, "plainAddress");
        requirePositive("maxRequestLineLength", maxRequestLineLength);
        requirePositive("maxHeaderSize", maxHeaderSize);
        requirePositive("leafCacheSize", leafCacheSize);
        requireNonNull(clientIdleTimeout, "clientIdleTimeout");
        if (clientIdleTimeout.isNegative() || clientIdleTimeout.isZero()) {
            throw new IllegalArgumentException("clientIdleTimeout must be positive, was " + clientIdleTimeout);
        }
        if (tlsHostname != null && tlsHostname.isBlank()) {
            tlsHostname = null;
        }
    }

    /** The product defaults: {@code 127.0.0.1:3128} and {@code 127.0.0.1:3129}. */
    public static OutboundSettings defaults() {
        return of(new InetSocketAddress("127.0.0.1", 3128), new InetSocketAddress("127.0.0.1", 3129), null);
    }

    /**
     * The given addresses with default limits: 8 KiB request line, 16 KiB headers, 10,000 cached hosts, idle client
     * connections closed after 5 minutes.
     */
    public static OutboundSettings of(InetSocketAddress plainAddress, InetSocketAddress tlsAddress,
                                      String tlsHostname) {
        return new OutboundSettings(plainAddress, tlsAddress, tlsHostname, 8192, 16384, 10_000, Duration.ofMinutes(5));
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
