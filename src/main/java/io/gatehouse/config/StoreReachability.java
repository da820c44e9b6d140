package io.gatehouse.config;

import io.gatehouse.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store answered the last time the {@link ConfigFollower} asked, and the log lines of the moments it
 * went away and came back: one WARN with the remedy, one INFO, never a line per failed attempt.
 */
final class StoreReachability {
    private static final Logger log = LoggerFactory.getLogger(ConfigFollower.class);
    static final String UNREACHABLE_REASON = "store unavailable: the database cannot be reached; proxying "
            + "continues with the last configuration, and configuration changes are refused until it is back";

    private final LiveConfig liveConfig;
    // Written by the follower thread only; read by /healthz.
    private volatile boolean unreachable;

    StoreReachability(LiveConfig liveConfig) {
        this.liveConfig = liveConfig;
    }

    NodeHealth health() {
        long version = liveConfig.current().version();
        return unreachable ? NodeHealth.degraded(version, UNREACHABLE_REASON) : NodeHealth.ok(version);
    }

    void unreachable(StoreUnavailableException cause) {
        if (unreachable) {
            log.debug("Configuration follower: the database is still unreachable ({})", cause.getMessage());
            return;
        }
        unreachable = true;
        log.warn("The database cannot be reached ({}); this node keeps proxying with configuration version {}, "
                + "and its admin API answers 503 to changes. Check that the database is running and reachable "
                + "(--database-url); the node catches up by itself when it is back", cause.getMessage(),
                liveConfig.current().version());
    }

    void reachable() {
        if (unreachable) {
            unreachable = false;
            log.info("The database is reachable again; serving configuration version {}",
                    liveConfig.current().version());
        }
    }
}
