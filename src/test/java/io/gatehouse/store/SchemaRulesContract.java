package io.gatehouse.store;

import static io.gatehouse.store.StoreTestData.ACTOR;
import static io.gatehouse.store.StoreTestData.outbound;
import static io.gatehouse.store.StoreTestData.passwordHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The rules the schema holds by itself, proved by writing through raw SQL past the store's code, mixed into each
 * database's contract test.
 */
interface SchemaRulesContract {

    GatehouseStore store();

    /** A plain JDBC connection to the store's database, opened as the store opens its own. */
    Connection rawConnection() throws SQLException;

    @Test
    default void schema_rejectsCertificateOnCredentialOfAnotherVault() throws SQLException {
        Vault vault = store().createVault("payments", ACTOR);
        Vault other = store().createVault("other", ACTOR);
        AccessCredential foreign = store().createCredential(other.id(), null, passwordHash("pw"), ACTOR);

        try (Connection connection = rawConnection()) {
            assertThatThrownBy(() -> insertRaw(connection, "crtraw000000001", vault.id(), "OUTBOUND",
                    foreign.id(), null, "99:01")).isInstanceOf(SQLException.class);
        }
        assertThat(store().listCertificates(vault.id())).isEmpty();
    }

    @Test
    default void schema_rejectsCertificateOnDeletedCredential() throws SQLException {
        Vault vault = store().createVault("payments", ACTOR);
        AccessCredential credential = store().createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        store().deleteCredential(vault.id(), credential.id(), ACTOR);

        try (Connection connection = rawConnection()) {
            assertThatThrownBy(() -> insertRaw(connection, "crtraw000000002", vault.id(), "OUTBOUND",
                    credential.id(), null, "99:02")).isInstanceOf(SQLException.class);
        }
        assertThat(store().listCertificates(vault.id())).isEmpty();
    }

    @Test
    default void schema_rejectsDeletingCredentialWithCertificates() throws SQLException {
        Vault vault = store().createVault("payments", ACTOR);
        AccessCredential credential = store().createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        store().insertCertificate(outbound(store().newCertificateId(), vault.id(), credential.id(), "99:03"), ACTOR);

        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate(
                    "DELETE FROM credentials WHERE id = '" + credential.id() + "'")).isInstanceOf(SQLException.class);
        }
        assertThat(store().findCredential(vault.id(), credential.id())).isPresent();
    }

    @Test
    default void schema_rejectsCertificateWhoseTargetDoesNotMatchItsProxyType() throws SQLException {
        Vault vault = store().createVault("payments", ACTOR);
        AccessCredential credential = store().createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        Route route = store().createRoute(vault.id(), "/", "https://api.example.com", null, null, ACTOR);

        try (Connection connection = rawConnection()) {
            assertThatThrownBy(() -> insertRaw(connection, "crtraw000000003", vault.id(), "INBOUND",
                    credential.id(), null, "99:04")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> insertRaw(connection, "crtraw000000004", vault.id(), "OUTBOUND",
                    credential.id(), route.id(), "99:05")).isInstanceOf(SQLException.class);
        }
        assertThat(store().listCertificates(vault.id())).isEmpty();
    }

    @Test
    default void schema_rejectsSameFingerprintTwiceOnOneTarget() throws SQLException {
        Vault vault = store().createVault("payments", ACTOR);
        AccessCredential credential = store().createCredential(vault.id(), null, passwordHash("pw"), ACTOR);

        try (Connection connection = rawConnection()) {
            insertRaw(connection, "crtraw000000005", vault.id(), "OUTBOUND", credential.id(), null, "99:06");
            assertThatThrownBy(() -> insertRaw(connection, "crtraw000000006", vault.id(), "OUTBOUND",
                    credential.id(), null, "99:06")).isInstanceOf(SQLException.class);
        }
        assertThat(store().listCertificates(vault.id())).extracting(StoredCertificate::id)
                .containsExactly("crtraw000000005");
    }

    @Test
    default void schema_keepsTheAuditLogAppendOnly() throws SQLException {
        Vault vault = store().createVault("payments", ACTOR);

        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_events SET actor = 'someone else'"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_events"))
                    .isInstanceOf(SQLException.class);
        }
        assertThat(store().listAudit(vault.id())).extracting(AuditEvent::actor).containsExactly(ACTOR);
    }

    private static void insertRaw(Connection connection, String id, String vaultId, String proxyType,
                                  String credentialId, String routeId, String fingerprint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO certificates (id, vault_id, "
                + "proxy_type, credential_id, route_id, description, chain_pem, sealed_private_key, subject, signer, "
                + "serial_number, sha256_fingerprint, not_before, not_after, key_algorithm, key_size, "
                + "subject_alt_names, chain_length, created_at) "
                + "VALUES (?, ?, ?, ?, ?, NULL, 'pem', ?, 'CN=x', 'CN=ca', '01', ?, 0, 1, 'EC', 256, '', 1, 0)")) {
            insert.setString(1, id);
            insert.setString(2, vaultId);
            insert.setString(3, proxyType);
            insert.setString(4, credentialId);
            insert.setString(5, routeId);
            insert.setBytes(6, new byte[] {1});
            insert.setString(7, fingerprint);
            insert.executeUpdate();
        }
    }
}
