package io.gatehouse.config;

import io.gatehouse.store.ProxyType;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.Vault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request choice of the certificate a credential or route presents,
 * {@link ConfigSnapshot#identityFor(String, Instant)}, with 1 or 5 certificates on the target in a snapshot of
 * 10,000 targets.
 *
 * <p>With 5 certificates the newest is scheduled (its notBefore is a day ahead), so selection passes over it to the
 * current one; the other three are older and still valid, as after rotations that kept the old certificates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CertificateSelectionBenchmark {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final int TARGETS = 10_000;
    private static final int VAULTS = 1_000;

    @Param({"1", "5"})
    public int certificatesPerTarget;

    private ConfigSnapshot snapshot;
    private String target;

    @Setup
    public void buildSnapshot() {
        List<Vault> vaults = new ArrayList<>();
        for (int v = 0; v < VAULTS; v++) {
            vaults.add(new Vault(String.format("tnt%08d", v), "vault " + v, NOW));
        }
        List<StoredCertificate> certificates = new ArrayList<>();
        for (int t = 0; t < TARGETS; t++) {
            for (int c = 0; c < certificatesPerTarget; c++) {
                certificates.add(certificate("crd" + t, c, certificatesPerTarget, vaults.get(t % VAULTS).id()));
            }
        }
        snapshot = ConfigSnapshots.of(new StoreSnapshot(1, vaults, List.of(), List.of(), certificates,
                Optional.empty()));
        target = "crd" + TARGETS / 2;
    }

    @Benchmark
    public Optional<?> identityFor() {
        return snapshot.identityFor(target, NOW);
    }

    /** With more than one, index 0 is scheduled and index 1 is current; every later one is a month older. */
    private static StoredCertificate certificate(String targetId, int index, int count, String vaultId) {
        Instant notBefore = count > 1 && index == 0 ? NOW.plus(Duration.ofDays(1))
                : NOW.minus(Duration.ofDays(1 + 30L * index));
        return new StoredCertificate(targetId + "-cert" + index, vaultId, ProxyType.OUTBOUND, targetId, null,
                null, "PEM", new byte[1], "CN=" + targetId, "CN=ca", "01", "AA", notBefore,
                notBefore.plus(Duration.ofDays(365)), "EC", 256, List.of(), 1, notBefore);
    }
}
