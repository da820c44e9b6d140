package io.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqlErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "23505, UNIQUE_VIOLATION",
        "23503, FOREIGN_KEY_VIOLATION",
        "23514, CHECK_VIOLATION",
        "P0001, CHECK_VIOLATION",
        "08001, UNAVAILABLE",
        "08006, UNAVAILABLE",
        "57P01, UNAVAILABLE",
        "53300, UNAVAILABLE",
        "42P01, OTHER"
    })
    void classify_postgresSqlState_givesItsKind(String sqlState, SqlErrors.Kind kind) {
        assertThat(SqlErrors.classify(new RuntimeException(new SQLException("boom", sqlState)))).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({
        "SQLITE_CONSTRAINT_UNIQUE, UNIQUE_VIOLATION",
        "SQLITE_CONSTRAINT_PRIMARYKEY, UNIQUE_VIOLATION",
        "SQLITE_CONSTRAINT_FOREIGNKEY, FOREIGN_KEY_VIOLATION",
        "SQLITE_CONSTRAINT_CHECK, CHECK_VIOLATION",
        "SQLITE_CONSTRAINT_TRIGGER, CHECK_VIOLATION",
        "SQLITE_CANTOPEN, UNAVAILABLE",
        "SQLITE_IOERR_FSYNC, UNAVAILABLE",
        "SQLITE_BUSY, UNAVAILABLE",
        "SQLITE_ERROR, OTHER"
    })
    void classify_sqliteResultCode_givesItsKind(SQLiteErrorCode code, SqlErrors.Kind kind) {
        assertThat(SqlErrors.classify(new SQLiteException("boom", code))).isEqualTo(kind);
    }

    @Test
    void translate_poolTimeout_isUnavailable() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException("pool timed out");

        RuntimeException translated = SqlErrors.translate("list vaults", new RuntimeException(timeout));

        assertThat(translated).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("The database is unavailable; cannot list vaults")
                .hasCause(timeout);
    }

    @Test
    void translate_otherDatabaseError_keepsOnlyTheDriversException() {
        SQLException driver = new SQLException("relation missing", "42P01");
        RuntimeException jdbi = new RuntimeException("INSERT INTO credentials ... password_hash=0xCAFE", driver);

        RuntimeException translated = SqlErrors.translate("create an access credential", jdbi);

        assertThat(translated).isInstanceOf(IllegalStateException.class)
                .hasMessage("The store failed to create an access credential (SQLState 42P01)")
                .hasCause(driver);
    }

    @Test
    void translate_storeExceptions_passUnchanged() {
        ConflictException conflict = new ConflictException("CERTIFICATES_ATTACHED", "x", List.of());

        assertThat(SqlErrors.translate("delete a route", conflict)).isSameAs(conflict);
    }
}
