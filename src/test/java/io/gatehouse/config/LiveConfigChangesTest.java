package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.ProxyType;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoreChanges;
import io.gatehouse.store.StoreFactory;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.Vault;
import java.nio.file.Path;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LiveConfig} applies only what changed since the version it serves: after any sequence of changes its
 * snapshot is the one a full rebuild from the store makes, whether it followed every change or caught up late, and
 * a snapshot once served never changes.
 */
class LiveConfigChangesTest {
    private static final String ACTOR = "admin-token";

    @TempDir
    Path dataDir;
    private GatehouseStore store;
    private LiveConfig everyChange;
    private LiveConfig late;
    private int fingerprints;

    @BeforeEach
    void open() {
        store = StoreFactory.open(null, null, null, dataDir);
        everyChange = new LiveConfig(store);
        late = new LiveConfig(store);
        everyChange.refresh();
        late.refresh();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void refresh_afterCreatesDeletesAndRotations_equalsAFullRebuild() {
        Vault vault = change(() -> store.createVault("payments", ACTOR));
        AccessCredential first = change(() -> store.createCredential(vault.id(), "a", new byte[] {1}, ACTOR));
        AccessCredential second = change(() -> store.createCredential(vault.id(), "b", new byte[] {2}, ACTOR));
        Route route = change(() -> store.createRoute(vault.id(), "/", "https://api.example.com", null, null, ACTOR));
        Route deeper = change(() -> store.createRoute(vault.id(), "/pay", "https://pay.example.com", null, null,
                ACTOR));
        change(() -> store.updateRoute(new Route(route.id(), vault.id(), "/orders", route.upstream(), "moved", null,
                null), ACTOR));
        StoredCertificate old = change(() -> store.insertCertificate(
                certificate(ProxyType.OUTBOUND, vault.id(), first.id()), ACTOR));
        change(() -> store.insertCertificate(certificate(ProxyType.OUTBOUND, vault.id(), second.id()), ACTOR));
        change(() -> store.insertCertificate(certificate(ProxyType.INBOUND, vault.id(), deeper.id()), ACTOR));
        StoredCertificate rotated = change(() -> store.insertCertificate(
                certificate(ProxyType.OUTBOUND, vault.id(), first.id()), ACTOR));
        change(() -> store.deleteCertificate(vault.id(), old.id(), ACTOR));
        Vault other = change(() -> store.createVault("orders", ACTOR));
        AccessCredential gone = change(() -> store.createCredential(other.id(), null, new byte[] {3}, ACTOR));
        change(() -> store.deleteCredential(other.id(), gone.id(), ACTOR));
        change(() -> store.deleteRoute(vault.id(), route.id(), ACTOR));

        ConfigSnapshot rebuilt = new ConfigSnapshot(store.snapshot());
        assertThat(SnapshotView.of(everyChange.current())).isEqualTo(SnapshotView.of(rebuilt));
        assertThat(SnapshotView.of(late.refresh())).isEqualTo(SnapshotView.of(rebuilt));
        assertThat(late.current().identityFor(first.id(), Instant.now()))
                .hasValueSatisfying(identity -> assertThat(identity.certificateId()).isEqualTo(rotated.id()));
        assertThat(late.current().certificateIds()).doesNotContain(old.id()).contains(rotated.id());
        assertThat(late.current().credentialByUsername(gone.username())).isEmpty();
        assertThat(late.current().route(vault.id(), "/orders")).isEmpty();
        assertThat(late.current().route(vault.id(), "/pay/x")).map(Route::id).contains(deeper.id());
    }

    @Test
    void refresh_acrossAChangeWithoutAuditEvent_rebuildsFromTheWholeStore() {
        Vault vault = change(() -> store.createVault("payments", ACTOR));
        store.saveOutboundCaIfAbsent(new byte[] {9});
        AccessCredential credential = change(() -> store.createCredential(vault.id(), null, new byte[] {1}, ACTOR));

        assertThat(SnapshotView.of(late.refresh())).isEqualTo(SnapshotView.of(new ConfigSnapshot(store.snapshot())));
        assertThat(late.current().credentialByUsername(credential.username())).isPresent();
    }

    @Test
    void refresh_neverChangesASnapshotAlreadyServed() {
        Vault vault = change(() -> store.createVault("payments", ACTOR));
        AccessCredential credential = change(() -> store.createCredential(vault.id(), null, new byte[] {1}, ACTOR));
        StoredCertificate certificate = change(() -> store.insertCertificate(
                certificate(ProxyType.OUTBOUND, vault.id(), credential.id()), ACTOR));
        ConfigSnapshot served = everyChange.current();
        Map<String, Object> before = SnapshotView.of(served);

        change(() -> store.deleteCertificate(vault.id(), certificate.id(), ACTOR));
        change(() -> store.deleteCredential(vault.id(), credential.id(), ACTOR));

        assertThat(SnapshotView.of(served)).isEqualTo(before);
        assertThat(served.certificateIds()).contains(certificate.id());
        assertThat(everyChange.current().certificateIds()).doesNotContain(certificate.id());
        assertThat(everyChange.current().version()).isGreaterThan(served.version());
    }

    @Test
    void refresh_afterTheFirst_readsOnlyTheChangedRows_notTheWholeStore() {
        AtomicInteger wholeReads = new AtomicInteger();
        GatehouseStore counting = (GatehouseStore) Proxy.newProxyInstance(GatehouseStore.class.getClassLoader(),
                new Class<?>[] {GatehouseStore.class}, (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    // A whole read is either snapshot() or changes that carry the whole store.
                    if (answer instanceof StoreSnapshot
                            || answer instanceof StoreChanges changes && changes.whole().isPresent()) {
                        wholeReads.incrementAndGet();
                    }
                    return answer;
                });
        Vault vault = store.createVault("payments", ACTOR);
        LiveConfig live = new LiveConfig(counting);
        live.refresh();
        AccessCredential credential = store.createCredential(vault.id(), null, new byte[] {1}, ACTOR);
        live.refresh();
        store.insertCertificate(certificate(ProxyType.OUTBOUND, vault.id(), credential.id()), ACTOR);
        ConfigSnapshot applied = live.refresh();

        assertThat(wholeReads).hasValue(1);
        assertThat(applied.identityFor(credential.id(), Instant.now())).isPresent();
        assertThat(SnapshotView.of(applied)).isEqualTo(SnapshotView.of(new ConfigSnapshot(store.snapshot())));
    }

    /** Makes a change, then refreshes the node that follows every change. */
    private <T> T change(Supplier<T> write) {
        T result = write.get();
        everyChange.refresh();
        return result;
    }

    private StoredCertificate certificate(ProxyType type, String vaultId, String targetId) {
        Instant now = Instant.now();
        boolean outbound = type == ProxyType.OUTBOUND;
        String fingerprint = String.format("AA:%04d", ++fingerprints);
        return new StoredCertificate(store.newCertificateId(), vaultId, type, outbound ? targetId : null,
                outbound ? null : targetId, "partner", "-----BEGIN CERTIFICATE-----\nMII" + fingerprint + "\n",
                new byte[] {(byte) fingerprints}, "CN=client", "CN=Partner CA", "0A", fingerprint,
                now.minusSeconds(60), now.plusSeconds(86_400), "EC", 256, List.of(), 1, null);
    }
}
