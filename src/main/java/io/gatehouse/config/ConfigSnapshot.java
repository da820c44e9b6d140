package io.gatehouse.config;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toUnmodifiableMap;

import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.Vault;
import io.gatehouse.upstream.TlsIdentity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An immutable view of the whole configuration at one version, indexed for the proxies' lookups. A change is a new
 * snapshot, swapped in whole by {@link LiveConfig}; a reader that holds a snapshot never sees half a change.
 */
public final class ConfigSnapshot {
    private final long version;
    private final Set<String> vaultIds;
    private final Map<String, AccessCredential> credentialsByUsername;
    private final Map<String, RouteTable> routesByVault;
    private final Map<String, List<StoredCertificate>> certificatesByTarget;
    private final Map<String, TlsIdentity> identitiesByCertificate;

    ConfigSnapshot(StoreSnapshot store) {
        this.version = store.version();
        this.vaultIds = store.vaults().stream().map(Vault::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.credentialsByUsername = store.credentials().stream()
                .collect(toUnmodifiableMap(AccessCredential::username, Function.identity()));
        this.routesByVault = store.routes().stream()
                .collect(groupingBy(Route::vaultId)).entrySet().stream()
                .collect(toUnmodifiableMap(Map.Entry::getKey, e -> new RouteTable(e.getValue())));
        this.certificatesByTarget = store.certificates().stream()
                .collect(groupingBy(StoredCertificate::targetId)).entrySet().stream()
                .collect(toUnmodifiableMap(Map.Entry::getKey,
                        e -> e.getValue().stream().sorted(CertificateSelector.PREFERENCE).toList()));
        this.identitiesByCertificate = store.certificates().stream()
                .collect(toUnmodifiableMap(StoredCertificate::id, ConfigSnapshot::identityOf));
    }

    static ConfigSnapshot empty() {
        return new ConfigSnapshot(new StoreSnapshot(0, List.of(), List.of(), List.of(), List.of(), Optional.empty()));
    }

    public long version() {
        return version;
    }

    public boolean hasVault(String vaultId) {
        return vaultIds.contains(vaultId);
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

    private static TlsIdentity identityOf(StoredCertificate certificate) {
        return new TlsIdentity(certificate.id(), certificate.vaultId(), certificate.chainPem(),
                certificate.sealedPrivateKey());
    }
}
