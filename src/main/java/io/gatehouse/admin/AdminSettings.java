package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

/**
 * Where the admin API listens. Port 0 picks a free port; {@link AdminServer#port()} tells which.
 *
 * @param host the address to bind, such as {@code 127.0.0.1}
 */
public record AdminSettings(String host, int port) {
    public AdminSettings {
        requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("admin port is " + port + ", expected 0 to 65535");
        }
    }
}
