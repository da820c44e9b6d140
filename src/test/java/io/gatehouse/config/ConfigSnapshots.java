package io.gatehouse.config;

import io.gatehouse.store.StoreSnapshot;

/**
 * Builds a {@link ConfigSnapshot} straight from store records, without a store or a {@link LiveConfig}, for tests
 * and benchmarks of other packages that need a large configuration quickly.
 */
public final class ConfigSnapshots {
    private ConfigSnapshots() {
    }

    /** The snapshot the proxies would read for exactly these records. */
    public static ConfigSnapshot of(StoreSnapshot store) {
        return new ConfigSnapshot(store);
    }
}
