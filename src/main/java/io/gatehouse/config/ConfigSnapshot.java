package io.gatehouse.config;

import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoreChanges;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.upstream.TlsIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable view of the whole configuration at one version, indexed for the proxies' lookups. A change is a new
 * snapshot, swapped in whole by {@link LiveConfig}; a reader that holds a snapshot never sees half a change. The
 * next snapshot is made from this one and the rows that changed ({@link #next}), sharing every unchanged row.
 */
public final class ConfigSnapshot {
    private static final ConfigSnapshot EMPTY = new ConfigSnapshot();

    private final long version;
    private final LayeredMap<String, String> vaultIds;
    private final LayeredMap<String, AccessCredential> credentialsById;
    private final LayeredMap<String, AccessCredential> credentialsByUsername;
    private final LayeredMap<String, Route> routesById;
    private final LayeredMap<String, RouteTable> routesByVault;
    private final LayeredMap<String, StoredCertificate> certificatesById;
    private final LayeredMap<String, List<StoredCertificate>> certificatesByTarget;
    private final LayeredMap<String, TlsIdentity> identitiesByCertificate;

    ConfigSnapshot(StoreSnapshot store) {
        this(store.version(), SnapshotBuilder.of(store));
    }

    private ConfigSnapshot(long version, SnapshotBuilder built) {
        this.version = version;
        this.vaultIds = built.vaultIds.result();
        this.credentialsById = built.credentialsById.result();
        this.credentialsByUsername = built.credentialsByUsername.result();
        this.routesById = built.routesById.result();
        this.routesByVault = built.routesByVault.result();
        this.certificatesById = built.certificatesById.result();
        this.certificatesByTarget = built.certificatesByTarget.result();
        this.identitiesByCertificate = built.identitiesByCertificate.result();
    }

    /** The snapshot of an empty store, version 0. */
    private ConfigSnapshot() {
        this.version = 0;
        this.vaultIds = LayeredMap.empty();
        this.credentialsById = LayeredMap.empty();
        this.credentialsByUsername = LayeredMap.empty();
        this.routesById = LayeredMap.empty();
        this.routesByVault = LayeredMap.empty();
        this.certificatesById = LayeredMap.empty();
        this.certificatesByTarget = LayeredMap.empty();
        this.identitiesByCertificate = LayeredMap.empty();
    }

    static ConfigSnapshot empty() {
        return EMPTY;
    }

    /** The snapshot at the changes' version: rebuilt from the whole store if they carry it, else this one updated. */
    ConfigSnapshot next(StoreChanges changes) {
        SnapshotBuilder built = changes.whole().map(SnapshotBuilder::of)
                .orElseGet(() -> SnapshotBuilder.applying(this, changes));
        return new ConfigSnapshot(changes.version(), built);
    }

    public long version() {
        return version;
    }

    public boolean hasVault(String vaultId) {
        return vaultIds.containsKey(vaultId);
    }

    public Optional<AccessCredential> credentialByUsername(String username) {
        return Optional.ofNullable(credentialsByUsername.get(username));
    }

    /** The route of the vault with the longest prefix matching the path, if any. */
    public Optional<Route> route(String vaultId, String path) {
        RouteTable table = routesByVault.get(vaultId);
        return table == null ? Optional.empty() : table.match(path);
    }

    /** The identity a credential or route presents at this instant, or empty for plain TLS. */
    public Optional<TlsIdentity> identityFor(String credentialOrRouteId, Instant now) {
        List<StoredCertificate> candidates = certificatesByTarget.getOrDefault(credentialOrRouteId, List.of());
        return CertificateSelector.select(candidates, now).map(c -> identitiesByCertificate.get(c.id()));
    }

    /** Whether selection picks this certificate now; the API shows it as {@code inUse}. */
    public boolean isInUse(StoredCertificate certificate, Instant now) {
        return identityFor(certificate.targetId(), now)
                .map(identity -> identity.certificateId().equals(certificate.id()))
                .orElse(false);
    }

    /** Ids of every certificate that exists in this version; connections opened with any other must close. */
    public Set<String> certificateIds() {
        return identitiesByCertificate.keySet();
    }

    // The indexes, read-only, for SnapshotBuilder to start from and for tests to compare.

    LayeredMap<String, String> vaultIndex() {
        return vaultIds;
    }

    LayeredMap<String, AccessCredential> credentialsById() {
        return credentialsById;
    }

    LayeredMap<String, AccessCredential> credentialsByUsername() {
        return credentialsByUsername;
    }

    LayeredMap<String, Route> routesById() {
        return routesById;
    }

    LayeredMap<String, RouteTable> routesByVault() {
        return routesByVault;
    }

    LayeredMap<String, StoredCertificate> certificatesById() {
        return certificatesById;
    }

    LayeredMap<String, List<StoredCertificate>> certificatesByTarget() {
        return certificatesByTarget;
    }

    LayeredMap<String, TlsIdentity> identitiesByCertificate() {
        return identitiesByCertificate;
    }
}
