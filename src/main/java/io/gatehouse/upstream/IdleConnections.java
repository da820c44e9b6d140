package io.gatehouse.upstream;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle connections of one pool key, newest first, with a count that costs nothing to read. A
 * {@link ConcurrentLinkedDeque} counts by walking its nodes, which showed in profiles of every released connection.
 * The count may lag a concurrent change by one; the pool uses it only to cap how many connections it keeps.
 */
final class IdleConnections implements Iterable<PooledConnection> {
    private final ConcurrentLinkedDeque<PooledConnection> connections = new ConcurrentLinkedDeque<>();
    private final AtomicInteger count = new AtomicInteger();

    void offerFirst(PooledConnection connection) {
        connections.offerFirst(connection);
        count.incrementAndGet();
    }

    PooledConnection pollFirst() {
        PooledConnection first = connections.pollFirst();
        if (first != null) {
            count.decrementAndGet();
        }
        return first;
    }

    boolean remove(PooledConnection connection) {
        boolean removed = connections.remove(connection);
        if (removed) {
            count.decrementAndGet();
        }
        return removed;
    }

    boolean isEmpty() {
        return connections.isEmpty();
    }

    int size() {
        return Math.max(0, count.get());
    }

    @Override
    public Iterator<PooledConnection> iterator() {
        return connections.iterator();
    }
}
