package io.gatehouse.config;

import static java.util.Objects.requireNonNull;

import io.gatehouse.store.ChangeFeed;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link LiveConfig} in step with changes that any node makes, and knows whether the store can be
 * reached.
 *
 * <p>Design: one daemon thread owns the store's {@link ChangeFeed} (PostgreSQL {@code LISTEN}) and refreshes the
 * configuration as soon as a newer version is announced. Announcements can be lost (the listener's connection
 * drops, the database restarts), so on every turn of the loop, at least once per poll interval, the thread also
 * compares {@link GatehouseStore#configVersion()} with the version served. When the store cannot be reached, the
 * node keeps serving the snapshot it holds ({@link LiveConfig} never drops it), reports itself degraded and keeps
 * trying; when the store is back, it catches up by itself.
 *
 * <pre>{@code
 * ConfigFollower follower = new ConfigFollower(store, liveConfig, Duration.ofSeconds(1)).start();
 * NodeHealth health = follower.health();
 * }</pre>
 */
public final class ConfigFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigFollower.class);

    private final GatehouseStore store;
    private final LiveConfig liveConfig;
    private final Duration pollInterval;
    private final Optional<ChangeFeed> feed;
    private final Thread thread;
    private final StoreReachability reachability;
    private volatile boolean running = true;
    // Owned by the follower thread.
    private boolean listening;
    private boolean listenedBefore;

    public ConfigFollower(GatehouseStore store, LiveConfig liveConfig, Duration pollInterval) {
        this.store = requireNonNull(store, "store");
        this.liveConfig = requireNonNull(liveConfig, "liveConfig");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive; got " + pollInterval);
        }
        this.feed = store.changeFeed();
        this.reachability = new StoreReachability(liveConfig);
        this.thread = new Thread(this::run, "gatehouse-config-follower");
        thread.setDaemon(true);
    }

    /** Starts listening (on the caller's thread, so that no change made after this returns goes unannounced). */
    public ConfigFollower start() {
        log.info("Configuration follower started: {}, checking the version every {} ms",
                feed.isPresent() ? "following changes from every node" : "single node", pollInterval.toMillis());
        feed.ifPresent(this::listen);
        thread.start();
        return this;
    }

    /** The node's health: degraded while the store cannot be reached, with the configuration version served. */
    public NodeHealth health() {
        return reachability.health();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Configuration follower stopped");
    }

    private void run() {
        // The first turn compares versions at once: changes made before the listener started were not announced.
        OptionalLong announced = OptionalLong.empty();
        while (running) {
            try {
                catchUp(announced);
                reachability.reachable();
            } catch (StoreUnavailableException e) {
                reachability.unreachable(e);
                pause();
            } catch (RuntimeException e) {
                if (!running) {
                    // close() interrupted a store call (Hikari reports that as a failure); nothing went wrong.
                    break;
                }
                // A bug must not stop the node from following; say so and keep going.
                log.warn("Configuration follower: unexpected {}; retrying", e.getClass().getName(), e);
                pause();
            }
            announced = awaitAnnouncement();
        }
        feed.ifPresent(ChangeFeed::close);
    }

    /** Waits one poll interval, or less when a change is announced or the listener has just (re)connected. */
    private OptionalLong awaitAnnouncement() {
        if (feed.isEmpty()) {
            pause();
            return OptionalLong.empty();
        }
        if (!listening) {
            // Announcements made while the listener was away are lost: once it is back, compare versions at once.
            if (!listen(feed.get())) {
                pause();
            }
            return OptionalLong.empty();
        }
        try {
            return feed.get().awaitChange(pollInterval);
        } catch (StoreUnavailableException e) {
            listening = false;
            log.debug("Configuration follower: lost the change listener ({}); reconnecting", e.getMessage());
            return OptionalLong.empty();
        }
    }

    /** Whether the feed now listens; when not, polling alone keeps the configuration current until next turn. */
    private boolean listen(ChangeFeed changes) {
        try {
            changes.connect();
        } catch (StoreUnavailableException e) {
            log.debug("Configuration follower: cannot listen for changes yet ({})", e.getMessage());
            return false;
        }
        listening = true;
        log.info("Configuration follower: {} for configuration changes", listenedBefore ? "listening again"
                : "listening");
        listenedBefore = true;
        return true;
    }

    private void catchUp(OptionalLong announced) {
        long served = liveConfig.current().version();
        if (announced.isPresent() && announced.getAsLong() <= served) {
            return;
        }
        if (announced.isPresent() || store.configVersion() != served) {
            liveConfig.refresh();
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            // close() interrupts to stop the loop; running is already false then.
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
