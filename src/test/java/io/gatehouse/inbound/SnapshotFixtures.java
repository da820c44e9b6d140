package io.gatehouse.inbound;

import io.gatehouse.config.ConfigSnapshot;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoreChanges;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.Vault;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Configuration snapshots for unit tests, built from records without a database. */
final class SnapshotFixtures {
    private SnapshotFixtures() {
    }

    static Vault vault(String id) {
        return new Vault(id, "vault " + id, Instant.parse("2026-01-01T00:00:00Z"));
    }

    static Route route(String id, String vaultId, String prefix, String upstream) {
        return new Route(id, vaultId, prefix, upstream, null, null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A snapshot of exactly these vaults and routes, as {@link LiveConfig} would serve it. */
    static ConfigSnapshot snapshot(List<Vault> vaults, List<Route> routes) {
        return liveConfig(vaults, routes).current();
    }

    /** A live configuration that serves these vaults and routes and never changes. */
    static LiveConfig liveConfig(List<Vault> vaults, List<Route> routes) {
        StoreSnapshot stored = new StoreSnapshot(1, vaults, List.of(), routes, List.of(), Optional.empty());
        GatehouseStore store = (GatehouseStore) Proxy.newProxyInstance(GatehouseStore.class.getClassLoader(),
                new Class<?>[] {GatehouseStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "snapshot" -> stored;
                    case "changesSince" -> StoreChanges.whole((long) args[0], stored);
                    case "configVersion" -> stored.version();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        LiveConfig live = new LiveConfig(store);
        live.refresh();
        return live;
    }
}
