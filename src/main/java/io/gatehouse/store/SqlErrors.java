package io.gatehouse.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.sqlite.SQLiteException;

/**
 * Reads what went wrong from a database error, for both PostgreSQL (SQLState) and SQLite (extended result codes),
 * and turns it into the store's own exceptions. Messages never carry SQL text or bound values: Jdbi's exceptions
 * would render both (a password hash, a sealed key), so only the driver's {@link SQLException} is kept as cause.
 */
final class SqlErrors {

    /** The kinds of failure the store reacts to. */
    enum Kind {
        UNAVAILABLE,
        UNIQUE_VIOLATION,
        FOREIGN_KEY_VIOLATION,
        CHECK_VIOLATION,
        OTHER
    }

    private SqlErrors() {
    }

    static Kind classify(Throwable error) {
        SQLException sql = sqlCause(error);
        if (sql == null) {
            return Kind.OTHER;
        }
        if (sql instanceof SQLiteException sqlite) {
            return classifySqlite(sqlite.getResultCode().name());
        }
        if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException) {
            return Kind.UNAVAILABLE;
        }
        return classifySqlState(sql.getSQLState());
    }

    /**
     * The store exception for a failed operation: {@link StoreUnavailableException} when the database cannot be
     * reached, the store's own exceptions unchanged, and an {@link IllegalStateException} naming the operation and
     * the SQLState otherwise.
     */
    static RuntimeException translate(String operation, RuntimeException error) {
        if (error instanceof ConflictException || error instanceof StoreUnavailableException
                || error instanceof IllegalArgumentException) {
            return error;
        }
        SQLException sql = sqlCause(error);
        if (classify(error) == Kind.UNAVAILABLE) {
            return new StoreUnavailableException("The database is unavailable; cannot " + operation, sql);
        }
        String state = sql == null ? "none" : String.valueOf(sql.getSQLState());
        return new IllegalStateException("The store failed to " + operation + " (SQLState " + state + ")", sql);
    }

    static SQLException sqlCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static Kind classifySqlite(String resultCode) {
        if (resultCode.equals("SQLITE_CONSTRAINT_UNIQUE") || resultCode.equals("SQLITE_CONSTRAINT_PRIMARYKEY")) {
            return Kind.UNIQUE_VIOLATION;
        }
        if (resultCode.equals("SQLITE_CONSTRAINT_FOREIGNKEY")) {
            return Kind.FOREIGN_KEY_VIOLATION;
        }
        if (resultCode.startsWith("SQLITE_CONSTRAINT")) {
            return Kind.CHECK_VIOLATION;
        }
        for (String prefix : new String[] {"SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_BUSY", "SQLITE_LOCKED",
                "SQLITE_FULL", "SQLITE_READONLY", "SQLITE_NOTADB", "SQLITE_CORRUPT"}) {
            if (resultCode.startsWith(prefix)) {
                return Kind.UNAVAILABLE;
            }
        }
        return Kind.OTHER;
    }

    private static Kind classifySqlState(String sqlState) {
        if (sqlState == null) {
            return Kind.OTHER;
        }
        String state = sqlState.toUpperCase(Locale.ROOT);
        if (state.equals("23505")) {
            return Kind.UNIQUE_VIOLATION;
        }
        if (state.equals("23503")) {
            return Kind.FOREIGN_KEY_VIOLATION;
        }
        if (state.startsWith("23") || state.equals("P0001")) {
            return Kind.CHECK_VIOLATION;
        }
        // 08: connection exception; 57P: the server is shutting down or not accepting connections; 53: out of
        // resources such as too many connections.
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
            return Kind.UNAVAILABLE;
        }
        return Kind.OTHER;
    }
}
