package io.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract on a real PostgreSQL, one fresh database per test; plus what only a server can do: go away. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostgresStoreIT extends StoreContract implements StoreHistoryContract, SchemaRulesContract,
        StoreConcurrencyContract, StoreChangesContract {
    private static final String PASSWORD = "not-a-real-password";

    @TempDir
    Path dataDir;
    private String databaseUrl;

    @Override
    protected GatehouseStore openStore() {
        if (databaseUrl == null) {
            databaseUrl = TestPostgres.newDatabaseUrl();
        }
        return StoreFactory.open(databaseUrl, TestPostgres.USER, null, dataDir);
    }

    @Override
    public Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(databaseUrl, TestPostgres.USER, null);
    }

    @Test
    void open_unreachableDatabase_isUnavailable_withoutThePassword() {
        assertThatThrownBy(() -> StoreFactory.open("jdbc:postgresql://127.0.0.1:1/gatehouse", "gatehouse",
                PASSWORD, dataDir))
                .isInstanceOf(StoreUnavailableException.class)
                .satisfies(e -> assertThat(messages(e)).doesNotContain(PASSWORD));
    }

    @Test
    void calls_afterTheDatabaseStops_areUnavailable() throws IOException {
        EmbeddedPostgres server = TestPostgres.startPrivateServer();
        String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
        try (GatehouseStore away = StoreFactory.open(url, TestPostgres.USER, null, dataDir)) {
            away.createVault("payments", StoreTestData.ACTOR);

            server.close();

            assertThatThrownBy(away::listVaults).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("database is unavailable");
            assertThatThrownBy(() -> away.createVault("other", StoreTestData.ACTOR))
                    .isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void open_withAnotherKindOfUrl_isRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> StoreFactory.open("jdbc:mysql://db/x?password=" + PASSWORD, null, null, dataDir))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void constraintErrors_onTheStoresConnections_carryNoRowValues() throws SQLException {
        String insert = "INSERT INTO vaults (id, name, created_at) VALUES ('tntrowvalue', NULL, 0)";
        Properties storeProperties = Dialect.POSTGRESQL.connectionProperties();
        storeProperties.setProperty("user", TestPostgres.USER);

        try (Connection plain = rawConnection(); Statement statement = plain.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate(insert)).hasMessageContaining("tntrowvalue");
        }
        try (Connection asStore = DriverManager.getConnection(databaseUrl, storeProperties);
             Statement statement = asStore.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate(insert)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(messages(e)).doesNotContain("tntrowvalue"));
        }
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
