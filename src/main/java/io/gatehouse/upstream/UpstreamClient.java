package io.gatehouse.upstream;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.secret.KeySealer;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one way to reach upstreams: TLS contexts per identity and trust, the connection pool, timeouts.
 * Both proxies hand each client connection to a relay made here.
 *
 * <p>Deletion works by retiring certificate ids. {@link #retainCertificates} retires every id that was live at the
 * previous call, or used by an exchange, and is not live now: it puts it in a retired set first, then sweeps the
 * pool and the TLS contexts. An exchange checks the set before it uses an id, and a new connection is checked again
 * once its handshake is done, so an exchange that read its configuration just before the deletion cannot open or
 * pool a connection with the deleted certificate after {@code retainCertificates} returned. Retired ids are
 * remembered for a day, long after any exchange that could still name them.
 */
public final class UpstreamClient implements AutoCloseable {
    static final Logger log = LoggerFactory.getLogger(UpstreamClient.class);

    private final UpstreamSettings settings;
    private final TlsContexts contexts;
    private final UpstreamPool pool;
    private final UpstreamConnector connector;
    private final Set<String> inUse = ConcurrentHashMap.newKeySet();
    private Set<String> previouslyLive = Set.of();
    private final Cache<String, Boolean> retired = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1))
            .maximumSize(1_000_000)
            .build();

    public UpstreamClient(NettyTransport transport, KeySealer sealer, UpstreamSettings settings) {
        requireNonNull(transport, "transport");
        requireNonNull(sealer, "sealer");
        this.settings = requireNonNull(settings, "settings");
        this.contexts = new TlsContexts(transport.sslProvider(), sealer, new UpstreamTrust(settings.upstreamCaPem()),
                settings.tlsContextCacheSize(), this::isRetired);
        this.pool = new UpstreamPool(settings.maxIdlePerTarget(), settings.idleTimeout(), this::isRetired);
        this.connector = new UpstreamConnector(transport, contexts, pool, settings);
    }

    /** A relay for one client connection; see {@link UpstreamRelay}. Call it on the connection's event loop. */
    public UpstreamRelay newRelay(Channel clientChannel) {
        return new ClientRelay(requireNonNull(clientChannel, "clientChannel"), this);
    }

    /**
     * Called after every configuration change with the ids of the certificates that still exist: TLS contexts and
     * pooled connections of any other certificate are released and closed before this returns, and connections busy
     * with an exchange are closed when it ends.
     *
     * @param liveCertificateIds a set that never changes afterwards (a snapshot's), kept without a copy: with
     *                           thousands of certificates, copying it on every change was a cost of its own
     */
    public synchronized void retainCertificates(Set<String> liveCertificateIds) {
        Set<String> live = requireNonNull(liveCertificateIds, "liveCertificateIds");
        Set<String> gone = new HashSet<>();
        for (String id : previouslyLive) {
            if (!live.contains(id)) {
                gone.add(id);
            }
        }
        for (String id : inUse) {
            if (!live.contains(id)) {
                gone.add(id);
            }
        }
        gone.forEach(id -> retired.put(id, Boolean.TRUE));
        inUse.removeAll(gone);
        previouslyLive = live;
        int closed = pool.retire(gone);
        contexts.retain(live);
        if (!gone.isEmpty()) {
            log.debug("Upstream: retired certificates {}, closed {} idle connections", gone, closed);
        }
    }

    /** Idle pooled connections now; for tests and metrics. */
    public int idleConnections() {
        return pool.idleCount();
    }

    /** Client TLS contexts built now; for tests and metrics. */
    public long tlsContexts() {
        return contexts.size();
    }

    /** Records a certificate id as in use; false when it has been deleted. */
    boolean admit(String certificateId) {
        if (isRetired(certificateId)) {
            return false;
        }
        inUse.add(certificateId);
        return true;
    }

    boolean isRetired(String certificateId) {
        return retired.getIfPresent(certificateId) != null;
    }

    UpstreamSettings settings() {
        return settings;
    }

    UpstreamPool pool() {
        return pool;
    }

    UpstreamConnector connector() {
        return connector;
    }

    @Override
    public void close() {
        pool.closeAll();
        contexts.close();
    }
}
