package io.gatehouse.store;

import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;

/** What differs between the two databases the store runs on; the SQL itself is shared. */
enum Dialect {
    SQLITE("classpath:db/migration/sqlite", TransactionIsolationLevel.SERIALIZABLE) {
        @Override
        void lockForWrite(Handle handle) {
            // Nothing to do: every transaction begins IMMEDIATE (see connectionProperties), which takes the
            // database's write lock at BEGIN.
        }

        @Override
        void announceVersion(Handle handle, long version) {
            // One node per SQLite file: its admin API refreshes its own configuration after each write.
        }

        @Override
        Properties connectionProperties() {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL syncs the WAL on every commit, so an acknowledged write survives a kill -9 or a power cut.
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
            // A deferred transaction that reads and then writes can fail with SQLITE_BUSY when another process
            // holds the lock; taking the lock up front makes it wait (busy_timeout) instead.
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            return config.toProperties();
        }
    },

    POSTGRESQL("classpath:db/migration/postgresql", TransactionIsolationLevel.REPEATABLE_READ) {
        @Override
        void lockForWrite(Handle handle) {
            // Writers of every node queue on the one config_version row, so audit sequences and versions follow
            // commit order and a check made after the lock (certificates attached?) still holds at commit.
            handle.createQuery("SELECT version FROM config_version WHERE id = 1 FOR UPDATE").mapTo(Long.class).one();
        }

        @Override
        void announceVersion(Handle handle, long version) {
            // PostgreSQL delivers a notification when (and only if) its transaction commits, in commit order.
            handle.createQuery("SELECT pg_notify(:channel, :version)")
                    .bind("channel", CHANGE_CHANNEL)
                    .bind("version", Long.toString(version))
                    .map((row, ctx) -> Boolean.TRUE)
                    .one();
        }

        @Override
        Properties connectionProperties() {
            Properties properties = new Properties();
            // Fail fast when the server is away or silent, so the admin API answers 503 promptly and the
            // configuration follower notices; the proxies never wait on the store.
            properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
            properties.setProperty("tcpKeepAlive", "true");
            // Without this the server's detail ("Failing row contains (...)") puts column values, such as a
            // password hash or a sealed key, into exception messages.
            properties.setProperty("logServerErrorDetail", "false");
            return properties;
        }
    };

    /** The PostgreSQL notification channel on which every configuration version is announced. */
    static final String CHANGE_CHANNEL = "gatehouse_config";
    static final int CONNECT_TIMEOUT_SECONDS = 2;
    static final int SOCKET_TIMEOUT_SECONDS = 10;

    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 5_000;

    private final String migrationLocation;
    private final TransactionIsolationLevel snapshotIsolation;

    Dialect(String migrationLocation, TransactionIsolationLevel snapshotIsolation) {
        this.migrationLocation = migrationLocation;
        this.snapshotIsolation = snapshotIsolation;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("--database-url must start with jdbc:postgresql:// (or be left empty for "
                + "the embedded store); got a URL of another kind");
    }

    String migrationLocation() {
        return migrationLocation;
    }

    /** The isolation under which {@link GatehouseStore#snapshot()} reads everything at one point in time. */
    TransactionIsolationLevel snapshotIsolation() {
        return snapshotIsolation;
    }

    /** Serializes writers at the start of a write transaction. */
    abstract void lockForWrite(Handle handle);

    /** Tells the other nodes, in the writing transaction, that this configuration version is committed. */
    abstract void announceVersion(Handle handle, long version);

    /** JDBC driver properties every pooled connection is opened with. */
    abstract Properties connectionProperties();
}
