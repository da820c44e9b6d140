package io.gatehouse.store;

import static io.gatehouse.store.StoreTestData.ACTOR;
import static io.gatehouse.store.StoreTestData.inbound;
import static io.gatehouse.store.StoreTestData.outbound;
import static io.gatehouse.store.StoreTestData.passwordHash;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' admins on one PostgreSQL at once: one node uploads certificates to credentials and routes while the
 * other deletes those credentials and routes (deleting the certificates that block it first). No acknowledged write
 * is lost, no certificate is left on a deleted credential or route, and the version counts every write once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresConcurrentAdminsIT {
    private static final int TARGETS = 4;
    private static final int UPLOADS = 60;

    @TempDir
    Path dataDir;
    private final List<GatehouseStore> stores = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(3);
    private final Set<String> uploaded = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedTargets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger uploadAttempts = new AtomicInteger();

    @AfterEach
    void closeAll() {
        threads.shutdownNow();
        stores.forEach(GatehouseStore::close);
    }

    @Test
    void uploadsOnA_againstDeletionsOnB_loseNoWrite_andLeaveNoOrphan() throws Exception {
        String url = TestPostgres.newDatabaseUrl();
        GatehouseStore nodeA = open(url);
        GatehouseStore nodeB = open(url);
        Vault vault = nodeA.createVault("payments", ACTOR);
        List<String> credentials = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        for (int i = 0; i < TARGETS; i++) {
            credentials.add(nodeA.createCredential(vault.id(), null, passwordHash("pw" + i), ACTOR).id());
            routes.add(nodeB.createRoute(vault.id(), "/r" + i, "https://api.example.com", null, null, ACTOR).id());
        }
        long base = nodeA.configVersion();
        CountDownLatch go = new CountDownLatch(1);

        Future<?> uploads = threads.submit(() -> upload(nodeA, vault, credentials, routes, go));
        Future<?> credentialDeletions = threads.submit(() -> deleteAll(nodeB, vault, credentials, go));
        Future<?> routeDeletions = threads.submit(() -> deleteAll(nodeB, vault, routes, go));
        go.countDown();
        uploads.get();
        credentialDeletions.get();
        routeDeletions.get();

        StoreSnapshot end = nodeB.snapshot();
        Set<String> remaining = ConcurrentHashMap.newKeySet();
        end.certificates().forEach(c -> remaining.add(c.id()));
        assertThat(uploaded).as("uploads that went through before their target was deleted").isNotEmpty();
        assertThat(deletedTargets).hasSize(2 * TARGETS);
        assertThat(end.credentials()).isEmpty();
        assertThat(end.routes()).isEmpty();
        assertThat(remaining).isEmpty();
        assertThat(deleted).isEqualTo(uploaded);
        assertThat(end.version()).isEqualTo(base + writes.get());
        // Every change of this test is in the one vault, from its creation (version 1) on.
        assertThat(nodeA.listAudit(vault.id())).hasSize((int) end.version());
    }

    /** Uploads to every target in turn until each is gone; a refused upload must name the vanished target. */
    private void upload(GatehouseStore store, Vault vault, List<String> credentials, List<String> routes,
                        CountDownLatch go) {
        await(go);
        for (int i = 0; i < UPLOADS; i++) {
            boolean toCredential = i % 2 == 0;
            String target = (toCredential ? credentials : routes).get(i / 2 % TARGETS);
            String fingerprint = String.format("%02X:%02X", i, i / 256);
            StoredCertificate certificate = toCredential
                    ? outbound(store.newCertificateId(), vault.id(), target, fingerprint)
                    : inbound(store.newCertificateId(), vault.id(), target, fingerprint);
            try {
                uploaded.add(store.insertCertificate(certificate, ACTOR).id());
                writes.incrementAndGet();
            } catch (ConflictException e) {
                assertThat(e.code()).isIn("UNKNOWN_CREDENTIAL", "UNKNOWN_ROUTE");
                // The deleting thread records a deletion only after its commit returns, so the refusal seen here
                // can come first: wait for that record rather than race it.
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deletedTargets.contains(target));
            }
            uploadAttempts.incrementAndGet();
        }
    }

    /** Deletes each target, first deleting whatever certificates block it, until the target is gone. */
    private void deleteAll(GatehouseStore store, Vault vault, List<String> targets, CountDownLatch go) {
        await(go);
        for (int k = 0; k < targets.size(); k++) {
            // Spread the deletions over the uploads, so that they race rather than finish first.
            awaitUploads((k + 1) * UPLOADS / (targets.size() + 2));
            String target = targets.get(k);
            boolean gone = false;
            while (!gone) {
                try {
                    gone = target.startsWith("crd") ? store.deleteCredential(vault.id(), target, ACTOR)
                            : store.deleteRoute(vault.id(), target, ACTOR);
                    assertThat(gone).isTrue();
                    deletedTargets.add(target);
                    writes.incrementAndGet();
                } catch (ConflictException e) {
                    assertThat(e.code()).isEqualTo("CERTIFICATES_ATTACHED");
                    for (String certificateId : e.blockingIds()) {
                        assertThat(store.deleteCertificate(vault.id(), certificateId, ACTOR)).isTrue();
                        deleted.add(certificateId);
                        writes.incrementAndGet();
                    }
                }
            }
        }
    }

    private GatehouseStore open(String url) {
        GatehouseStore store = StoreFactory.open(url, TestPostgres.USER, null, dataDir);
        stores.add(store);
        return store;
    }

    private void awaitUploads(int count) {
        while (uploadAttempts.get() < count) {
            Thread.yield();
        }
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
