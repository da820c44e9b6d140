package io.gatehouse.upstream;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One upstream connection and its place in the pool. The state moves BUSY to IDLE and back on the connection's
 * event loop; the admin thread may only move IDLE to CLOSED (a compare-and-set, so an idle connection is either
 * taken for an exchange or closed, never both) and flag a busy one as retired, to be closed when its exchange ends.
 */
final class PooledConnection {
    enum State { BUSY, IDLE, CLOSED }

    private final Channel channel;
    private final PoolKey key;
    private final UpstreamHandler handler;
    private final AtomicReference<State> state = new AtomicReference<>(State.BUSY);
    private volatile boolean retired;
    // Confined to the connection's event loop.
    private long idleSince;
    private boolean expiryScheduled;
    private int exchanges;

    PooledConnection(Channel channel, PoolKey key, UpstreamHandler handler) {
        this.channel = channel;
        this.key = key;
        this.handler = handler;
    }

    Channel channel() {
        return channel;
    }

    PoolKey key() {
        return key;
    }

    UpstreamHandler handler() {
        return handler;
    }

    /** Takes an idle connection for an exchange; false when it was closed or taken meanwhile. */
    boolean tryAcquire() {
        if (state.compareAndSet(State.IDLE, State.BUSY)) {
            exchanges++;
            return true;
        }
        return false;
    }

    /** Counts the first exchange of a new connection. */
    void firstExchange() {
        exchanges = 1;
    }

    /** Marks the connection idle from now. */
    void markIdle() {
        idleSince = System.nanoTime();
        state.set(State.IDLE);
    }

    /** How long it has been idle, or -1 when it is not idle. */
    long idleNanos() {
        return state.get() == State.IDLE ? System.nanoTime() - idleSince : -1;
    }

    /**
     * Claims the connection's one pending idle check; false when one is already pending. A connection that goes
     * from idle to busy and back between checks needs no new timer: the pending one looks again.
     */
    boolean claimExpiryCheck() {
        if (expiryScheduled) {
            return false;
        }
        expiryScheduled = true;
        return true;
    }

    void expiryCheckDone() {
        expiryScheduled = false;
    }

    /** Closes the connection if it is idle; false when an exchange holds it (or it is closed already). */
    boolean tryCloseIdle() {
        if (state.compareAndSet(State.IDLE, State.CLOSED)) {
            channel.close();
            return true;
        }
        return false;
    }

    void close() {
        state.set(State.CLOSED);
        channel.close();
    }

    /** The certificate it was opened with is gone: never pool it again. */
    void retire() {
        retired = true;
    }

    boolean isRetired() {
        return retired;
    }

    int exchanges() {
        return exchanges;
    }

    @Override
    public String toString() {
        return channel + " #" + exchanges;
    }
}
