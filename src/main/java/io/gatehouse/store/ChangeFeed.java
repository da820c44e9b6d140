package io.gatehouse.store;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Announcements of configuration versions committed by any node, read over a connection of the feed's own. One
 * thread owns a feed: it calls {@link #connect()}, then {@link #awaitChange(Duration)} in a loop, and
 * {@link #connect()} again after a failure. Announcements can be lost (while disconnected, for instance), so a
 * reader also compares {@link GatehouseStore#configVersion()} from time to time.
 */
public interface ChangeFeed extends AutoCloseable {

    /**
     * Opens the feed's connection, closing a previous one, and starts listening.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     */
    void connect();

    /**
     * Waits up to {@code timeout} for announcements.
     *
     * @return the highest version announced meanwhile, or empty when none was
     * @throws StoreUnavailableException when the connection is lost; call {@link #connect()} again
     */
    OptionalLong awaitChange(Duration timeout);

    @Override
    void close();
}
