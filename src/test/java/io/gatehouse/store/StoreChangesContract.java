package io.gatehouse.store;

import static io.gatehouse.store.StoreTestData.ACTOR;
import static io.gatehouse.store.StoreTestData.inbound;
import static io.gatehouse.store.StoreTestData.outbound;
import static io.gatehouse.store.StoreTestData.passwordHash;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What {@link GatehouseStore#changesSince} tells a node that holds an older version, mixed into each database's
 * contract test: the rows touched since, as they are now, and the ids of those gone; the whole store when the audit
 * log cannot account for every version.
 */
interface StoreChangesContract {

    GatehouseStore store();

    @Test
    default void changesSince_afterEveryKindOfChange_namesTheTouchedRowsAsTheyAreNow() {
        GatehouseStore store = store();
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential kept = store.createCredential(vault.id(), null, passwordHash("a"), ACTOR);
        AccessCredential doomed = store.createCredential(vault.id(), null, passwordHash("b"), ACTOR);
        StoredCertificate old = store.insertCertificate(
                outbound(store.newCertificateId(), vault.id(), kept.id(), "AB:01"), ACTOR);
        long held = store.configVersion();

        Vault other = store.createVault("orders", ACTOR);
        AccessCredential added = store.createCredential(other.id(), null, passwordHash("c"), ACTOR);
        Route route = store.createRoute(vault.id(), "/", "https://api.example.com", null, null, ACTOR);
        store.updateRoute(new Route(route.id(), vault.id(), "/v2", route.upstream(), null, null, null), ACTOR);
        StoredCertificate rotated = store.insertCertificate(
                outbound(store.newCertificateId(), vault.id(), kept.id(), "AB:02"), ACTOR);
        store.deleteCertificate(vault.id(), old.id(), ACTOR);
        StoredCertificate routeCertificate = store.insertCertificate(
                inbound(store.newCertificateId(), vault.id(), route.id(), "AB:03"), ACTOR);
        store.deleteCredential(vault.id(), doomed.id(), ACTOR);

        StoreChanges changes = store.changesSince(held);

        assertThat(changes.since()).isEqualTo(held);
        assertThat(changes.version()).isEqualTo(store.configVersion()).isEqualTo(held + 8);
        assertThat(changes.whole()).isEmpty();
        assertThat(changes.vaults()).extracting(Vault::id).containsExactly(other.id());
        assertThat(changes.credentials()).extracting(AccessCredential::id).containsExactly(added.id());
        assertThat(changes.routes()).extracting(Route::pathPrefix).containsExactly("/v2");
        assertThat(changes.certificates()).extracting(StoredCertificate::id)
                .containsExactlyInAnyOrder(rotated.id(), routeCertificate.id());
        assertThat(changes.removedCertificateIds()).containsExactly(old.id());
        assertThat(changes.removedCredentialIds()).containsExactly(doomed.id());
        assertThat(changes.removedRouteIds()).isEmpty();
    }

    @Test
    default void changesSince_aRowCreatedAndDeletedSince_isNamedAsRemovedOnly() {
        GatehouseStore store = store();
        Vault vault = store.createVault("payments", ACTOR);
        long held = store.configVersion();
        Route route = store.createRoute(vault.id(), "/", "https://api.example.com", null, null, ACTOR);
        store.deleteRoute(vault.id(), route.id(), ACTOR);

        StoreChanges changes = store.changesSince(held);

        assertThat(changes.whole()).isEmpty();
        assertThat(changes.routes()).isEmpty();
        assertThat(changes.removedRouteIds()).containsExactly(route.id());
    }

    @Test
    default void changesSince_theCurrentVersionOrLater_isNothing() {
        GatehouseStore store = store();
        store.createVault("payments", ACTOR);
        long now = store.configVersion();

        assertThat(store.changesSince(now)).isEqualTo(StoreChanges.none(now, now));
        assertThat(store.changesSince(now + 5)).isEqualTo(StoreChanges.none(now + 5, now));
    }

    @Test
    default void changesSince_acrossAVersionWithoutAuditEvent_readsTheWholeStore() {
        GatehouseStore store = store();
        Vault vault = store.createVault("payments", ACTOR);
        long held = store.configVersion();
        store.saveOutboundCaIfAbsent(new byte[] {7, 7, 7});
        store.createCredential(vault.id(), null, passwordHash("a"), ACTOR);

        StoreChanges changes = store.changesSince(held);

        assertThat(changes.version()).isEqualTo(held + 2);
        assertThat(changes.whole()).hasValueSatisfying(whole -> {
            assertThat(whole.version()).isEqualTo(held + 2);
            assertThat(whole.vaults()).extracting(Vault::id).containsExactly(vault.id());
            assertThat(whole.credentials()).hasSize(1);
            assertThat(whole.sealedOutboundCa()).isPresent();
        });
    }

    @Test
    default void changesSince_versionZero_readsTheWholeStore() {
        GatehouseStore store = store();
        store.createVault("payments", ACTOR);

        assertThat(store.changesSince(0).whole()).hasValueSatisfying(whole ->
                assertThat(whole.vaults()).hasSize(1));
    }
}
