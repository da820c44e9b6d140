package io.gatehouse.upstream;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where one exchange goes and how: host, port, whether TLS is spoken, the client certificate to present (empty for
 * plain TLS without one) and the extra CA certificates (PEM, may be null) that the upstream's server certificate may
 * chain to besides the default trust. A pooled connection serves only a target equal to the one it was opened for,
 * which is what keeps identities apart.
 */
public record UpstreamTarget(String host, int port, boolean tls, Optional<TlsIdentity> identity, String extraCaPem) {

    public UpstreamTarget {
        requireNonNull(host, "host");
        requireNonNull(identity, "identity");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
    }

    /** The name sent as SNI and checked against the server certificate. */
    public String serverName() {
        return host;
    }

    /** {@code host:port}, as log lines and errors name an upstream. */
    public String authority() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
