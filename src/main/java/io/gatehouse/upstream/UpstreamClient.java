package io.gatehouse.upstream;

import static java.util.Objects.requireNonNull;

import io.gatehouse.secret.KeySealer;
import io.netty.channel.Channel;
import java.util.Set;

/**
 * The process's one way to reach upstreams: TLS contexts per identity and trust, the connection pool, timeouts.
 * Both proxies hand each client connection to a relay made here.
 */
public final class UpstreamClient implements AutoCloseable {
    private final NettyTransport transport;
    private final KeySealer sealer;
    private final UpstreamSettings settings;

    public UpstreamClient(NettyTransport transport, KeySealer sealer, UpstreamSettings settings) {
        this.transport = requireNonNull(transport, "transport");
        this.sealer = requireNonNull(sealer, "sealer");
        this.settings = requireNonNull(settings, "settings");
    }

    /** A relay for one client connection; see {@link UpstreamRelay}. */
    public UpstreamRelay newRelay(Channel clientChannel) {
        throw new UnsupportedOperationException("upstream relay is being built");
    }

    /**
     * Called after every configuration change with the ids of the certificates that still exist: TLS contexts and
     * pooled connections of any other certificate are released and closed before this returns.
     */
    public void retainCertificates(Set<String> liveCertificateIds) {
        throw new UnsupportedOperationException("upstream pool is being built");
    }

    @Override
    public void close() {
    }
}
