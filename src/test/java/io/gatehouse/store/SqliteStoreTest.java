package io.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract on the embedded SQLite database, in a fresh data directory per test. */
class SqliteStoreTest extends StoreContract implements StoreHistoryContract, SchemaRulesContract,
        StoreConcurrencyContract, StoreChangesContract {
    @TempDir
    Path dataDir;

    @Override
    protected GatehouseStore openStore() {
        return StoreFactory.open(null, null, null, dataDir.resolve("nested"));
    }

    @Override
    public Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + databaseFile(), Dialect.SQLITE.connectionProperties());
    }

    @Test
    void open_withoutUrl_createsTheDatabaseInTheDataDirectory_inWalMode() throws SQLException {
        assertThat(Files.exists(databaseFile())).isTrue();

        try (Connection connection = rawConnection(); Statement statement = connection.createStatement();
             ResultSet journal = statement.executeQuery("PRAGMA journal_mode")) {
            journal.next();
            assertThat(journal.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void open_withBlankUrl_usesTheEmbeddedStore() {
        store.createVault("payments", StoreTestData.ACTOR);
        store.close();

        store = StoreFactory.open("  ", null, null, dataDir.resolve("nested"));

        assertThat(store.listVaults()).extracting(Vault::name).containsExactly("payments");
    }

    private Path databaseFile() {
        return dataDir.resolve("nested").resolve(StoreFactory.SQLITE_FILE_NAME);
    }
}
