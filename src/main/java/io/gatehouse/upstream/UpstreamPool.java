package io.gatehouse.upstream;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle upstream connections kept for reuse, by {@link PoolKey}.
 *
 * <p>Design notes. Every connection lives on one event loop, which is part of its key, so taking and returning a
 * connection happen on that loop only; the map itself is shared by all loops and by the admin thread that applies
 * configuration changes, hence concurrent collections and no locks held across I/O. A connection is in
 * {@code busy} while an exchange holds it and in an idle deque while pooled; on return it is put in the deque
 * before it leaves {@code busy}, so a concurrent {@link #retire} (which flags {@code busy} first, then sweeps the
 * deques) always finds it in one of them. Returning re-checks the retired flag after publishing, which closes the
 * remaining window. Idle connections leave by the IDLE to CLOSED compare-and-set of {@link PooledConnection}, which
 * makes "taken for an exchange" and "closed by a sweep" exclusive. A deque is added and dropped with
 * {@code compute}, so no connection can be offered into a deque that was just unlinked from the map.
 */
final class UpstreamPool {
    private static final Logger log = LoggerFactory.getLogger(UpstreamPool.class);

    private final ConcurrentHashMap<PoolKey, IdleConnections> idle = new ConcurrentHashMap<>();
    private final Set<PooledConnection> busy = ConcurrentHashMap.newKeySet();
    private final int maxIdlePerTarget;
    private final long idleTimeoutNanos;
    private final Predicate<String> retiredCertificate;

    /** {@code retiredCertificate} says whether a certificate id has been deleted: its connections are not pooled. */
    UpstreamPool(int maxIdlePerTarget, Duration idleTimeout, Predicate<String> retiredCertificate) {
        this.maxIdlePerTarget = maxIdlePerTarget;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.retiredCertificate = retiredCertificate;
    }

    /** Takes an idle, open connection for {@code key}, or null. Call on {@code key.eventLoop()}. */
    PooledConnection acquire(PoolKey key) {
        IdleConnections deque = idle.get(key);
        PooledConnection found = null;
        while (found == null && deque != null) {
            PooledConnection candidate = deque.pollFirst();
            if (candidate == null) {
                break;
            }
            if (candidate.tryAcquire()) {
                busy.add(candidate);
                if (candidate.channel().isActive()) {
                    found = candidate;
                } else {
                    candidate.close();
                }
            }
        }
        dropIfEmpty(key);
        return found;
    }

    /** Tracks a new connection, busy with its first exchange. */
    void register(PooledConnection connection) {
        busy.add(connection);
        connection.channel().closeFuture().addListener(closed -> forget(connection));
    }

    /**
     * Ends an exchange on {@code connection}: pooled when {@code reusable} and its certificate is still live, else
     * closed. Call on the connection's event loop.
     */
    void release(PooledConnection connection, boolean reusable) {
        PoolKey key = connection.key();
        if (!reusable || !connection.channel().isActive() || isRetired(connection)) {
            busy.remove(connection);
            connection.close();
            return;
        }
        connection.channel().config().setAutoRead(true);
        connection.markIdle();
        boolean[] pooled = new boolean[1];
        idle.compute(key, (k, deque) -> {
            IdleConnections target = deque != null ? deque : new IdleConnections();
            if (target.size() < maxIdlePerTarget) {
                target.offerFirst(connection);
                pooled[0] = true;
            }
            return target.isEmpty() ? null : target;
        });
        busy.remove(connection);
        if (!pooled[0] || isRetired(connection)) {
            closeIdle(connection);
            return;
        }
        scheduleExpiry(connection, idleTimeoutNanos);
    }

    private void scheduleExpiry(PooledConnection connection, long delayNanos) {
        if (connection.claimExpiryCheck()) {
            connection.channel().eventLoop().schedule(() -> expire(connection), delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Closes the idle connections opened with any of {@code certificateIds} and flags the busy ones to be closed
     * when their exchange ends. Safe from any thread; idle ones are unusable when this returns.
     */
    int retire(Set<String> certificateIds) {
        int closed = 0;
        for (PooledConnection connection : busy) {
            if (certificateIds.contains(connection.key().certificateId())) {
                connection.retire();
            }
        }
        for (IdleConnections deque : idle.values()) {
            for (PooledConnection connection : deque) {
                if (certificateIds.contains(connection.key().certificateId())) {
                    connection.retire();
                    closed += closeIdle(connection) ? 1 : 0;
                }
            }
        }
        return closed;
    }

    /** Idle connections now, over all keys. */
    int idleCount() {
        return idle.values().stream().mapToInt(IdleConnections::size).sum();
    }

    void closeAll() {
        busy.forEach(PooledConnection::close);
        idle.values().forEach(deque -> deque.forEach(PooledConnection::close));
        idle.clear();
    }

    private boolean isRetired(PooledConnection connection) {
        return connection.isRetired()
                || connection.key().hasCertificate() && retiredCertificate.test(connection.key().certificateId());
    }

    /** Closes the connection if it has been idle for the idle timeout; busy again, it is checked when released. */
    private void expire(PooledConnection connection) {
        connection.expiryCheckDone();
        long idleFor = connection.idleNanos();
        if (idleFor < 0) {
            return;
        }
        if (idleFor < idleTimeoutNanos) {
            scheduleExpiry(connection, idleTimeoutNanos - idleFor);
        } else if (closeIdle(connection)) {
            log.debug("{} upstream connection idle for too long, closed", connection);
        }
    }

    private boolean closeIdle(PooledConnection connection) {
        boolean closed = connection.tryCloseIdle();
        IdleConnections deque = idle.get(connection.key());
        if (deque != null) {
            deque.remove(connection);
        }
        dropIfEmpty(connection.key());
        return closed;
    }

    private void forget(PooledConnection connection) {
        busy.remove(connection);
        connection.close();
        IdleConnections deque = idle.get(connection.key());
        if (deque != null && deque.remove(connection)) {
            dropIfEmpty(connection.key());
        }
    }

    private void dropIfEmpty(PoolKey key) {
        idle.computeIfPresent(key, (k, deque) -> deque.isEmpty() ? null : deque);
    }
}
