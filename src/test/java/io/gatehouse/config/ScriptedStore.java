package io.gatehouse.config;

import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreChanges;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.StoreUnavailableException;
import io.gatehouse.store.Vault;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link GatehouseStore} for unit tests of what reads the configuration: it holds a version (with one vault per
 * version, so a snapshot shows which version it came from) and can be made unavailable. Any other call fails.
 */
final class ScriptedStore {
    private volatile long version;
    private volatile boolean unavailable;
    private final AtomicInteger snapshots = new AtomicInteger();
    private final GatehouseStore store = (GatehouseStore) Proxy.newProxyInstance(
            GatehouseStore.class.getClassLoader(), new Class<?>[] {GatehouseStore.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "configVersion" -> available().version;
                case "snapshot" -> available().snapshot();
                case "changesSince" -> StoreChanges.whole((long) args[0], available().snapshot());
                case "changeFeed" -> Optional.empty();
                case "close" -> null;
                case "toString" -> "ScriptedStore";
                default -> throw new UnsupportedOperationException(method.getName());
            });

    GatehouseStore store() {
        return store;
    }

    /** Simulates a committed change made by another node, which nobody announces. */
    void change() {
        version++;
    }

    /** As if an older backup were restored: the version goes back. */
    void restoreTo(long olderVersion) {
        version = olderVersion;
    }

    void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    int snapshotsRead() {
        return snapshots.get();
    }

    static String vaultOf(long version) {
        return String.format("tnt%08d", version);
    }

    private ScriptedStore available() {
        if (unavailable) {
            throw new StoreUnavailableException("The database is unavailable; cannot run a scripted call", null);
        }
        return this;
    }

    private StoreSnapshot snapshot() {
        snapshots.incrementAndGet();
        long at = version;
        return new StoreSnapshot(at, List.of(new Vault(vaultOf(at), "v" + at, Instant.EPOCH)), List.of(), List.of(),
                List.of(), Optional.empty());
    }
}
