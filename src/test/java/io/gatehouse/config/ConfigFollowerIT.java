package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.ProxyType;
import io.gatehouse.store.StoppablePostgres;
import io.gatehouse.store.StoreFactory;
import io.gatehouse.store.StoreUnavailableException;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.TestPostgres;
import io.gatehouse.store.Vault;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' configurations on one real PostgreSQL: a change made through one reaches the other by notification
 * within 2 seconds, a lost notification is caught up by polling, and an outage keeps the last snapshot until the
 * database is back.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConfigFollowerIT {
    private static final String ACTOR = "admin-token";
    private static final Duration WITHIN_TWO_SECONDS = Duration.ofSeconds(2);
    // Long enough that only a notification can deliver a change in time.
    private static final Duration NO_POLLING = Duration.ofMinutes(5);

    @TempDir
    Path dataDir;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void certificateAddedAndDeletedOnA_reachesB_byNotification_withinTwoSeconds() {
        String url = TestPostgres.newDatabaseUrl();
        GatehouseStore storeA = open(url);
        LiveConfig liveA = new LiveConfig(storeA);
        LiveConfig liveB = new LiveConfig(open(url));
        liveB.refresh();
        AtomicReference<Set<String>> retainedByB = new AtomicReference<>(Set.of());
        liveB.onChange(snapshot -> retainedByB.set(snapshot.certificateIds()));
        follow(open(url), liveB, NO_POLLING);

        Vault vault = storeA.createVault("payments", ACTOR);
        AccessCredential credential = storeA.createCredential(vault.id(), null, new byte[32], ACTOR);
        StoredCertificate certificate = storeA.insertCertificate(certificate(storeA, vault, credential), ACTOR);
        long added = liveA.refresh().version();

        await().atMost(WITHIN_TWO_SECONDS).until(() -> liveB.current().version() == added);
        assertThat(retainedByB.get()).containsExactly(certificate.id());
        assertThat(liveB.current().identityFor(credential.id(), Instant.now())).isPresent();

        storeA.deleteCertificate(vault.id(), certificate.id(), ACTOR);
        long deleted = liveA.refresh().version();

        await().atMost(WITHIN_TWO_SECONDS).until(() -> liveB.current().version() == deleted);
        assertThat(retainedByB.get()).isEmpty();
        assertThat(liveB.current().identityFor(credential.id(), Instant.now())).isEmpty();
    }

    @Test
    void changesOnA_reachB_asAFullRebuildServesThem() {
        String url = TestPostgres.newDatabaseUrl();
        GatehouseStore storeA = open(url);
        LiveConfig liveB = new LiveConfig(open(url));
        liveB.refresh();
        follow(open(url), liveB, NO_POLLING);

        Vault vault = storeA.createVault("payments", ACTOR);
        AccessCredential kept = storeA.createCredential(vault.id(), null, new byte[32], ACTOR);
        AccessCredential gone = storeA.createCredential(vault.id(), null, new byte[32], ACTOR);
        StoredCertificate old = storeA.insertCertificate(certificate(storeA, vault, kept, "AA:01"), ACTOR);
        StoredCertificate rotated = storeA.insertCertificate(certificate(storeA, vault, kept, "AA:02"), ACTOR);
        storeA.deleteCertificate(vault.id(), old.id(), ACTOR);
        storeA.deleteCredential(vault.id(), gone.id(), ACTOR);
        storeA.createRoute(vault.id(), "/", "https://api.example.com", null, null, ACTOR);
        long version = storeA.configVersion();

        await().atMost(WITHIN_TWO_SECONDS).until(() -> liveB.current().version() == version);
        assertThat(SnapshotView.of(liveB.current())).isEqualTo(SnapshotView.of(new ConfigSnapshot(storeA.snapshot())));
        assertThat(liveB.current().certificateIds()).containsExactly(rotated.id());
        assertThat(liveB.current().credentialByUsername(gone.username())).isEmpty();
    }

    @Test
    void listenerConnectionKilled_reconnects_andLaterChangesStillArrive() throws SQLException {
        String url = TestPostgres.newDatabaseUrl();
        GatehouseStore storeA = open(url);
        LiveConfig liveB = new LiveConfig(open(url));
        follow(open(url), liveB, NO_POLLING);

        assertThat(terminateListeners(url)).isEqualTo(1);
        storeA.createVault("payments", ACTOR);
        long version = storeA.configVersion();

        await().atMost(WITHIN_TWO_SECONDS).until(() -> liveB.current().version() == version);
        await().atMost(WITHIN_TWO_SECONDS).until(() -> listeners(url) == 1);
        Vault later = storeA.createVault("later", ACTOR);

        await().atMost(WITHIN_TWO_SECONDS).until(() -> liveB.current().hasVault(later.id()));
    }

    @Test
    void changeWithoutNotification_isCaughtUpByPolling_withinTwoSeconds() throws SQLException {
        String url = TestPostgres.newDatabaseUrl();
        GatehouseStore storeA = open(url);
        LiveConfig liveB = new LiveConfig(open(url));
        follow(open(url), liveB, Duration.ofSeconds(1));
        storeA.createVault("payments", ACTOR);

        // As if the notification were lost: the rows and the version change in one transaction, nobody is told.
        // (Two autocommitted statements would let a refresh for the vault above see the row before its version.)
        try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, null);
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO vaults (id, name, created_at) VALUES ('tntsilent01', 'silent', 0)");
            statement.executeUpdate("UPDATE config_version SET version = version + 1");
            connection.commit();
        }

        await().atMost(WITHIN_TWO_SECONDS).until(() -> liveB.current().hasVault("tntsilent01"));
        assertThat(liveB.current().version()).isEqualTo(storeA.configVersion());
    }

    @Test
    void databaseAway_keepsTheLastSnapshot_reportsDegraded_andRecoversByItself() {
        StoppablePostgres postgres = StoppablePostgres.start(dataDir.resolve("pg"));
        opened.add(postgres);
        GatehouseStore storeA = open(postgres.url());
        LiveConfig liveB = new LiveConfig(open(postgres.url()));
        ConfigFollower followerB = follow(open(postgres.url()), liveB, Duration.ofMillis(500));
        Vault vault = storeA.createVault("payments", ACTOR);
        await().atMost(WITHIN_TWO_SECONDS).until(() -> liveB.current().hasVault(vault.id()));
        ConfigSnapshot kept = liveB.current();

        postgres.stop();

        await().atMost(Duration.ofSeconds(10)).until(() -> followerB.health().isDegraded());
        assertThat(followerB.health().configVersion()).isEqualTo(kept.version());
        assertThat(followerB.health().reason()).contains("database cannot be reached");
        assertThatThrownBy(liveB::refresh).isInstanceOf(StoreUnavailableException.class);
        assertThat(liveB.current()).isSameAs(kept);
        long start = System.nanoTime();
        assertThatThrownBy(() -> storeA.createVault("refused", ACTOR)).isInstanceOf(StoreUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        postgres.startAgain();

        await().atMost(Duration.ofSeconds(10)).until(() -> !followerB.health().isDegraded());
        Vault after = storeA.createVault("after", ACTOR);
        await().atMost(WITHIN_TWO_SECONDS).until(() -> liveB.current().hasVault(after.id()));
        assertThat(liveB.current().hasVault(vault.id())).isTrue();
    }

    private GatehouseStore open(String url) {
        GatehouseStore store = StoreFactory.open(url, TestPostgres.USER, null, dataDir);
        opened.add(store);
        return store;
    }

    private ConfigFollower follow(GatehouseStore store, LiveConfig liveConfig, Duration pollInterval) {
        ConfigFollower follower = new ConfigFollower(store, liveConfig, pollInterval).start();
        opened.add(follower);
        return follower;
    }

    private static int terminateListeners(String url) throws SQLException {
        return countOf(url, "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = 'gatehouse-config-listener' AND datname = current_database()");
    }

    private static int listeners(String url) throws SQLException {
        return countOf(url, "SELECT COUNT(*) FROM pg_stat_activity "
                + "WHERE application_name = 'gatehouse-config-listener' AND datname = current_database()");
    }

    private static int countOf(String url, String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, TestPostgres.USER, null);
             Statement statement = connection.createStatement();
             var result = statement.executeQuery(query)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static StoredCertificate certificate(GatehouseStore store, Vault vault, AccessCredential credential) {
        return certificate(store, vault, credential, "AA:BB");
    }

    private static StoredCertificate certificate(GatehouseStore store, Vault vault, AccessCredential credential,
                                                 String fingerprint) {
        Instant now = Instant.now();
        return new StoredCertificate(store.newCertificateId(), vault.id(), ProxyType.OUTBOUND, credential.id(),
                null, "partner", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", new byte[] {1},
                "CN=client", "CN=Partner CA", "0A", fingerprint, now.minusSeconds(60), now.plusSeconds(86_400), "EC",
                256, List.of(), 1, null);
    }
}
