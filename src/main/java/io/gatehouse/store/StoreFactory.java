package io.gatehouse.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store: the embedded SQLite database {@code <dataDir>/gatehouse.db} when no database URL is given, or
 * PostgreSQL for a {@code jdbc:postgresql://} URL (several nodes share it). The schema is migrated by Flyway before
 * the store is returned.
 *
 * <pre>{@code
 * try (GatehouseStore store = StoreFactory.open(null, null, null, Path.of("gatehouse-data"))) {
 *     Vault vault = store.createVault("payments", "admin");
 * }
 * }</pre>
 */
public final class StoreFactory {
    static final String SQLITE_FILE_NAME = "gatehouse.db";
    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);
    private static final int POSTGRESQL_POOL_SIZE = 8;
    private static final long CONNECTION_TIMEOUT_MILLIS = 2_000;
    private static final long VALIDATION_TIMEOUT_MILLIS = 1_000;

    private StoreFactory() {
    }

    /**
     * Opens the store and migrates its schema.
     *
     * @param databaseUrl null or blank for the embedded store, else a {@code jdbc:postgresql://} URL
     * @param user the database user, or null
     * @param password the database password, or null; never logged
     * @param dataDir where the embedded store lives; created if missing
     * @throws StoreUnavailableException when the database cannot be reached
     */
    public static GatehouseStore open(String databaseUrl, String user, String password, Path dataDir) {
        requireNonNull(dataDir, "dataDir");
        String jdbcUrl = databaseUrl == null || databaseUrl.isBlank() ? sqliteUrl(dataDir) : databaseUrl.strip();
        Dialect dialect = Dialect.of(jdbcUrl);
        migrate(jdbcUrl, user, password, dialect);
        HikariDataSource dataSource = new HikariDataSource(poolConfig(jdbcUrl, user, password, dialect));
        Jdbi jdbi = Jdbi.create(dataSource);
        // Jdbi puts the SQL and its bound values into exception messages; those values include password hashes
        // and sealed keys, so messages keep neither.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        LOG.info("Store opened: {}", describe(dialect, dataDir));
        return new JdbiStore(new StoreTransactions(jdbi, dialect, Clock.systemUTC()), dataSource);
    }

    private static String sqliteUrl(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        }
        return "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE_NAME).toAbsolutePath();
    }

    private static void migrate(String jdbcUrl, String user, String password, Dialect dialect) {
        // Flyway gets connections of its own: with SQLite's single pooled connection it could otherwise wait
        // for itself.
        try {
            Flyway.configure()
                    .dataSource(jdbcUrl, user, password)
                    .locations(dialect.migrationLocation())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            // Flyway's own message may quote the JDBC URL, which can carry a password: keep the driver's error.
            SQLException sql = SqlErrors.sqlCause(e);
            if (SqlErrors.classify(e) == SqlErrors.Kind.UNAVAILABLE) {
                throw new StoreUnavailableException("Cannot reach the database to migrate its schema", sql);
            }
            if (sql != null) {
                throw new IllegalStateException("Cannot migrate the store's schema (SQLState " + sql.getSQLState()
                        + ")", sql);
            }
            throw new IllegalStateException("Cannot migrate the store's schema", e);
        }
    }

    private static HikariConfig poolConfig(String jdbcUrl, String user, String password, Dialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gatehouse-store");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setDataSourceProperties(dialect.connectionProperties());
        // SQLite allows one writer at a time. One connection serializes the node's writes in the pool instead of
        // in SQLite's lock, so no write ever fails with SQLITE_BUSY; reads are short and the proxies never read
        // the store on a request path (they use the configuration snapshot), so they can wait their turn.
        config.setMaximumPoolSize(dialect == Dialect.SQLITE ? 1 : POSTGRESQL_POOL_SIZE);
        // The admin API answers 503 after this long when the database is away; a load balancer or an operator
        // waiting on a write should hear "unavailable" within seconds, not hang.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MILLIS);
        // Fail at once in open() when the database is away rather than on the first request.
        config.setInitializationFailTimeout(1);
        return config;
    }

    private static String describe(Dialect dialect, Path dataDir) {
        return dialect == Dialect.SQLITE ? "SQLite at " + dataDir.resolve(SQLITE_FILE_NAME) : "PostgreSQL";
    }
}
