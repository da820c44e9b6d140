package io.gatehouse.store;

import static io.gatehouse.store.StoreTestData.ACTOR;
import static io.gatehouse.store.StoreTestData.outbound;
import static io.gatehouse.store.StoreTestData.passwordHash;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two stores on one database, as two nodes of a cluster (or two pools on one SQLite file), writing at once: the
 * write lock must keep every rule and lose no change. Mixed into each database's contract test.
 */
interface StoreConcurrencyContract {

    GatehouseStore store();

    /** A second store on the same database; the caller closes it. */
    GatehouseStore openSecondStore();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    default void twoStores_writingAtOnce_loseNoChange_andKeepAuditInVersionOrder() throws Exception {
        try (GatehouseStore node2 = openSecondStore()) {
            long base = store().configVersion();
            Vault vault = store().createVault("payments", ACTOR);

            CompletableFuture<Void> first = createCredentials(store(), vault, 20);
            CompletableFuture<Void> second = createCredentials(node2, vault, 20);
            first.get();
            second.get();

            assertThat(node2.configVersion()).isEqualTo(base + 41);
            assertThat(store().listCredentials(vault.id())).hasSize(40);
            List<AuditEvent> audit = node2.listAudit(vault.id());
            assertThat(audit).hasSize(41);
            assertThat(audit).extracting(AuditEvent::sequence).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    default void twoStores_racingDeleteAndAttach_neverLeaveACertificateOnAMissingCredential() throws Exception {
        try (GatehouseStore node2 = openSecondStore()) {
            Vault vault = store().createVault("payments", ACTOR);
            for (int round = 0; round < 12; round++) {
                AccessCredential credential = store().createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
                StoredCertificate certificate = outbound(node2.newCertificateId(), vault.id(), credential.id(),
                        "RACE:" + round);

                CompletableFuture<Object> attach = outcome(() -> node2.insertCertificate(certificate, ACTOR));
                CompletableFuture<Object> delete = outcome(
                        () -> store().deleteCredential(vault.id(), credential.id(), ACTOR));

                assertConsistent(store(), vault, credential, attach.get(), delete.get());
            }
        }
    }

    private static void assertConsistent(GatehouseStore store, Vault vault, AccessCredential credential,
                                         Object attached, Object deleted) {
        boolean credentialLeft = store.findCredential(vault.id(), credential.id()).isPresent();
        if (attached instanceof StoredCertificate certificate) {
            assertThat(credentialLeft).isTrue();
            assertThat(deleted).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.blockingIds()).containsExactly(certificate.id()));
        } else {
            assertThat(attached).isInstanceOfSatisfying(ConflictException.class,
                    e -> assertThat(e.code()).isEqualTo("UNKNOWN_CREDENTIAL"));
            assertThat(deleted).isEqualTo(true);
            assertThat(credentialLeft).isFalse();
        }
        assertThat(store.listCertificates(vault.id()))
                .allSatisfy(c -> assertThat(store.findCredential(vault.id(), c.credentialId())).isPresent());
    }

    private static CompletableFuture<Void> createCredentials(GatehouseStore store, Vault vault, int count) {
        return CompletableFuture.runAsync(() -> IntStream.range(0, count)
                .forEach(i -> store.createCredential(vault.id(), null, passwordHash("pw" + i), ACTOR)));
    }

    private static CompletableFuture<Object> outcome(Supplier<Object> write) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return write.get();
            } catch (ConflictException e) {
                return e;
            }
        });
    }
}
