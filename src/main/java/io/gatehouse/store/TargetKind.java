package io.gatehouse.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** What a certificate can be attached to: an access credential (outbound) or a route (inbound). */
enum TargetKind {
    CREDENTIAL("credentials", "credential_id", "credential", "Access credential", "UNKNOWN_CREDENTIAL"),
    ROUTE("routes", "route_id", "route", "Route", "UNKNOWN_ROUTE");

    private final String table;
    private final String certificateColumn;
    private final String objectType;
    private final String title;
    private final String unknownCode;

    TargetKind(String table, String certificateColumn, String objectType, String title, String unknownCode) {
        this.table = table;
        this.certificateColumn = certificateColumn;
        this.objectType = objectType;
        this.title = title;
        this.unknownCode = unknownCode;
    }

    static TargetKind of(ProxyType proxyType) {
        return proxyType == ProxyType.OUTBOUND ? CREDENTIAL : ROUTE;
    }

    /** The table name; a constant, never input, so it may be put into SQL text. */
    String table() {
        return table;
    }

    /** The column of {@code certificates} that points at this kind of target; a constant too. */
    String certificateColumn() {
        return certificateColumn;
    }

    /** The audit log's object type. */
    String objectType() {
        return objectType;
    }

    String noun() {
        return this == CREDENTIAL ? "an access credential" : "a route";
    }

    boolean exists(Handle handle, String vaultId, String id) {
        return handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE vault_id = :vaultId AND id = :id")
                .bind("vaultId", vaultId)
                .bind("id", id)
                .mapTo(Integer.class)
                .one() > 0;
    }

    ConflictException certificatesAttached(String id, List<String> certificateIds) {
        return new ConflictException("CERTIFICATES_ATTACHED", title + " " + id + " still has certificates "
                + String.join(", ", certificateIds) + "; delete them first", certificateIds);
    }

    ConflictException unknown(String vaultId, String id) {
        return new ConflictException(unknownCode, title + " " + id + " does not exist in vault " + vaultId,
                List.of());
    }
}
