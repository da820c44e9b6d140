package io.gatehouse.store;

import static io.gatehouse.store.StoreTestData.ACTOR;
import static io.gatehouse.store.StoreTestData.outbound;
import static io.gatehouse.store.StoreTestData.passwordHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the store remembers across changes, mixed into each database's contract test: the audit log, the
 * configuration version, snapshots, the outbound CA, and data kept across a reopen.
 */
interface StoreHistoryContract {

    GatehouseStore store();

    /** Closes the store and opens a new one on the same database. */
    void reopenStore();

    @Test
    default void everyWrite_appendsAnAuditEventInOrder_withActorAndObject() {
        GatehouseStore store = store();
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        Route route = store.createRoute(vault.id(), "/", "https://api.example.com", null, null, "ops");
        store.updateRoute(new Route(route.id(), vault.id(), "/v2", route.upstream(), null, null, null), "ops");
        String certificateId = store.insertCertificate(
                outbound(store.newCertificateId(), vault.id(), credential.id(), "AB:01"), ACTOR).id();
        store.deleteCertificate(vault.id(), certificateId, ACTOR);
        store.deleteCredential(vault.id(), credential.id(), ACTOR);
        store.deleteRoute(vault.id(), route.id(), ACTOR);

        List<AuditEvent> audit = store.listAudit(vault.id());

        assertThat(audit).extracting(AuditEvent::action).containsExactly("vault.created", "credential.created",
                "route.created", "route.updated", "certificate.created", "certificate.deleted",
                "credential.deleted", "route.deleted");
        assertThat(audit).extracting(AuditEvent::objectId).containsExactly(vault.id(), credential.id(), route.id(),
                route.id(), certificateId, certificateId, credential.id(), route.id());
        assertThat(audit).extracting(AuditEvent::objectType).containsExactly("vault", "credential", "route",
                "route", "certificate", "certificate", "credential", "route");
        assertThat(audit).extracting(AuditEvent::actor).containsExactly(ACTOR, ACTOR, "ops", "ops", ACTOR, ACTOR,
                ACTOR, ACTOR);
        assertThat(audit).extracting(AuditEvent::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(audit).allSatisfy(event -> {
            assertThat(event.vaultId()).isEqualTo(vault.id());
            assertThat(event.at()).isNotNull();
        });
    }

    @Test
    default void configVersion_increasesByOnePerWrite_andNotOnRefusedOrNoOpWrites() {
        GatehouseStore store = store();
        long start = store.configVersion();
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        store.insertCertificate(outbound(store.newCertificateId(), vault.id(), credential.id(), "AB:02"), ACTOR);
        assertThat(store.configVersion()).isEqualTo(start + 3);

        store.deleteRoute(vault.id(), "rteunknown00000", ACTOR);
        assertThatThrownBy(() -> store.deleteCredential(vault.id(), credential.id(), ACTOR))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> store.insertCertificate(
                outbound(store.newCertificateId(), vault.id(), credential.id(), "AB:02"), ACTOR))
                .isInstanceOf(ConflictException.class);

        assertThat(store.configVersion()).isEqualTo(start + 3);
        assertThat(store.listAudit(vault.id())).hasSize(3);
    }

    @Test
    default void snapshot_holdsEverythingAtTheCurrentVersion() {
        GatehouseStore store = store();
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        Route route = store.createRoute(vault.id(), "/", "https://api.example.com", null, null, ACTOR);
        StoredCertificate certificate = store.insertCertificate(
                outbound(store.newCertificateId(), vault.id(), credential.id(), "AB:03"), ACTOR);
        byte[] ca = store.saveOutboundCaIfAbsent(new byte[] {9, 8, 7});

        StoreSnapshot snapshot = store.snapshot();

        assertThat(snapshot.version()).isEqualTo(store.configVersion());
        assertThat(snapshot.vaults()).containsExactly(vault);
        assertThat(snapshot.credentials()).usingRecursiveFieldByFieldElementComparator().containsExactly(credential);
        assertThat(snapshot.routes()).containsExactly(route);
        assertThat(snapshot.certificates()).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(certificate);
        assertThat(snapshot.sealedOutboundCa()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(ca));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    default void snapshot_duringConcurrentWrites_seesContentsMatchingItsVersion() throws Exception {
        GatehouseStore store = store();
        long base = store.configVersion();
        Vault vault = store.createVault("payments", ACTOR);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 40; i++) {
                store.createCredential(vault.id(), "n" + i, passwordHash("pw" + i), ACTOR);
            }
        });
        List<StoreSnapshot> snapshots = new ArrayList<>();
        while (!writer.isDone()) {
            snapshots.add(store.snapshot());
        }
        writer.get();
        snapshots.add(store.snapshot());

        // One version per write: the vault, then one per credential.
        assertThat(snapshots).allSatisfy(snapshot ->
                assertThat(snapshot.version()).isEqualTo(base + 1 + snapshot.credentials().size()));
        assertThat(snapshots.get(snapshots.size() - 1).credentials()).hasSize(40);
    }

    @Test
    default void outboundCa_isSavedOnce_andTheFirstIsKept() {
        GatehouseStore store = store();
        assertThat(store.loadOutboundCa()).isEmpty();
        long version = store.configVersion();

        byte[] kept = store.saveOutboundCaIfAbsent(new byte[] {1, 2, 3});
        byte[] second = store.saveOutboundCaIfAbsent(new byte[] {4, 5, 6});

        assertThat(kept).containsExactly(1, 2, 3);
        assertThat(second).containsExactly(1, 2, 3);
        assertThat(store.loadOutboundCa()).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
        assertThat(store.configVersion()).isEqualTo(version + 1);
    }

    @Test
    default void reopen_afterClose_keepsEverything() {
        GatehouseStore store = store();
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        StoredCertificate certificate = store.insertCertificate(
                outbound(store.newCertificateId(), vault.id(), credential.id(), "AB:04"), ACTOR);
        store.saveOutboundCaIfAbsent(new byte[] {7});
        StoreSnapshot before = store.snapshot();
        List<AuditEvent> audit = store.listAudit(vault.id());

        reopenStore();

        StoreSnapshot after = store().snapshot();
        assertThat(after).usingRecursiveComparison().isEqualTo(before);
        assertThat(after.certificates()).usingRecursiveFieldByFieldElementComparator().containsExactly(certificate);
        assertThat(store().listAudit(vault.id())).isEqualTo(audit);
    }
}
