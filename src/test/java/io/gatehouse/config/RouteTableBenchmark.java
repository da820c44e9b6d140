package io.gatehouse.config;

import io.gatehouse.store.Route;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.Vault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The inbound proxy's per-request route lookup, {@link ConfigSnapshot#route(String, String)}, in a snapshot of 1,000
 * vaults with 4 routes each, and {@link RouteTable#match(String)} on one vault's table alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteTableBenchmark {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final int VAULTS = 1_000;
    /** Typical routes of one vault, given here shortest first; the table orders them longest first. */
    private static final List<String> PREFIXES = List.of("/", "/api", "/api/v2", "/payments");

    private ConfigSnapshot snapshot;
    private RouteTable table;
    private String vault;

    @Setup
    public void buildSnapshot() {
        List<Vault> vaults = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        for (int v = 0; v < VAULTS; v++) {
            Vault each = new Vault(String.format("tnt%08d", v), "vault " + v, NOW);
            vaults.add(each);
            for (String prefix : PREFIXES) {
                routes.add(new Route("rte" + v + prefix, each.id(), prefix, "https://api" + v + ".example",
                        null, null, NOW));
            }
        }
        snapshot = ConfigSnapshots.of(new StoreSnapshot(1, vaults, List.of(), routes, List.of(), Optional.empty()));
        vault = vaults.get(VAULTS / 2).id();
        table = new RouteTable(routes.subList(0, PREFIXES.size()));
    }

    /** The second longest prefix matches: two prefixes are compared. */
    @Benchmark
    public Optional<Route> routeLongPrefix() {
        return snapshot.route(vault, "/api/v2/orders/42");
    }

    /** Only the catch-all {@code /} matches: every prefix is compared. */
    @Benchmark
    public Optional<Route> routeCatchAll() {
        return snapshot.route(vault, "/health");
    }

    /** The table alone, without finding the vault's table in the snapshot. */
    @Benchmark
    public Optional<Route> tableMatch() {
        return table.match("/api/v2/orders/42");
    }
}
