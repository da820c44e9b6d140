package io.gatehouse.store;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs the store's units of work: reads, write transactions that serialize on the database and record their change
 * in the audit log and the configuration version, and the snapshot read. Every database error leaves here already
 * translated by {@link SqlErrors}.
 *
 * <p>Durability: a write returns only after Jdbi has committed, and both databases are set up to make a commit
 * durable before it returns (SQLite: WAL with {@code synchronous=FULL}; PostgreSQL: its default
 * {@code synchronous_commit=on}).
 */
final class StoreTransactions {
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final Clock clock;

    StoreTransactions(Jdbi jdbi, Dialect dialect, Clock clock) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.clock = clock;
    }

    <T> T read(String operation, HandleCallback<T, RuntimeException> work) {
        return translated(operation, () -> jdbi.withHandle(work));
    }

    /** Runs {@code work} in a transaction that holds the write lock from its first statement. */
    <T> T write(String operation, HandleCallback<T, RuntimeException> work) {
        return translated(operation, () -> jdbi.inTransaction(handle -> {
            dialect.lockForWrite(handle);
            return work.withHandle(handle);
        }));
    }

    /** Runs {@code work} in one transaction that sees a single point in time. */
    <T> T snapshot(String operation, HandleCallback<T, RuntimeException> work) {
        return translated(operation, () -> jdbi.inTransaction(dialect.snapshotIsolation(), work));
    }

    /** Now, truncated to the millisecond as the store keeps it. */
    Instant now() {
        return StoreRows.millis(clock.instant());
    }

    /**
     * Increments the configuration version and appends the audit event of the change, naming that version, in the
     * caller's transaction; {@link StoreChangeReader} reads what changed after a version from these events.
     */
    void recordChange(Handle handle, String vaultId, String actor, String action, String objectType,
                      String objectId) {
        long version = incrementVersion(handle);
        handle.createUpdate("INSERT INTO audit_events (vault_id, actor, action, object_type, object_id, at, "
                        + "config_version) VALUES (:vaultId, :actor, :action, :objectType, :objectId, :at, :version)")
                .bind("vaultId", vaultId)
                .bind("actor", actor)
                .bind("action", action)
                .bind("objectType", objectType)
                .bind("objectId", objectId)
                .bind("at", now().toEpochMilli())
                .bind("version", version)
                .execute();
    }

    /**
     * Increments the configuration version and announces it to the other nodes, in the caller's transaction: the
     * announcement is delivered only if the transaction commits, and after it has.
     */
    long incrementVersion(Handle handle) {
        long version = handle.createQuery("UPDATE config_version SET version = version + 1 WHERE id = 1 "
                        + "RETURNING version")
                .mapTo(Long.class)
                .one();
        dialect.announceVersion(handle, version);
        return version;
    }

    static long version(Handle handle) {
        return handle.createQuery("SELECT version FROM config_version WHERE id = 1").mapTo(Long.class).one();
    }

    private static <T> T translated(String operation, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw SqlErrors.translate(operation, e);
        }
    }
}
