package io.gatehouse.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Maps rows to the store's records and back. Times are stored as epoch milliseconds, so every {@link Instant} is
 * truncated to the millisecond on the way in and comes back exactly so. Subject alternative names are stored
 * newline-joined (no SAN form contains a newline); the empty string is the empty list.
 */
final class StoreRows {
    static final RowMapper<Vault> VAULT = (rs, ctx) -> new Vault(
            rs.getString("id"), rs.getString("name"), instant(rs, "created_at"));

    static final RowMapper<AccessCredential> CREDENTIAL = (rs, ctx) -> new AccessCredential(
            rs.getString("id"), rs.getString("vault_id"), rs.getString("username"), rs.getString("description"),
            rs.getBytes("password_hash"), instant(rs, "created_at"));

    static final RowMapper<Route> ROUTE = (rs, ctx) -> new Route(
            rs.getString("id"), rs.getString("vault_id"), rs.getString("path_prefix"), rs.getString("upstream"),
            rs.getString("description"), rs.getString("upstream_ca_pem"), instant(rs, "created_at"));

    static final RowMapper<StoredCertificate> CERTIFICATE = (rs, ctx) -> new StoredCertificate(
            rs.getString("id"), rs.getString("vault_id"), ProxyType.valueOf(rs.getString("proxy_type")),
            rs.getString("credential_id"), rs.getString("route_id"), rs.getString("description"),
            rs.getString("chain_pem"), rs.getBytes("sealed_private_key"), rs.getString("subject"),
            rs.getString("signer"), rs.getString("serial_number"), rs.getString("sha256_fingerprint"),
            instant(rs, "not_before"), instant(rs, "not_after"), rs.getString("key_algorithm"),
            rs.getInt("key_size"), subjectAltNames(rs.getString("subject_alt_names")), rs.getInt("chain_length"),
            instant(rs, "created_at"));

    static final RowMapper<AuditEvent> AUDIT_EVENT = (rs, ctx) -> new AuditEvent(
            rs.getLong("sequence"), rs.getString("vault_id"), rs.getString("actor"), rs.getString("action"),
            rs.getString("object_type"), rs.getString("object_id"), instant(rs, "at"));

    private StoreRows() {
    }

    /** The instant as the store keeps it: truncated to the millisecond. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static String joinSubjectAltNames(List<String> names) {
        for (String name : names) {
            if (name.contains("\n")) {
                throw new IllegalArgumentException("A subject alternative name cannot contain a line break");
            }
        }
        return String.join("\n", names);
    }

    private static List<String> subjectAltNames(String joined) {
        return joined.isEmpty() ? List.of() : List.copyOf(Arrays.asList(joined.split("\n", -1)));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }
}
