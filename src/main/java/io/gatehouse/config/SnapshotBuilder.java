package io.gatehouse.config;

import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoreChanges;
import io.gatehouse.store.StoreSnapshot;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.Vault;
import io.gatehouse.upstream.TlsIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the indexes of one {@link ConfigSnapshot}, either from the whole store or as a copy of the snapshot held with
 * changed rows applied. A copy shares every unchanged row and identity with the snapshot it came from; only the
 * route tables of the vaults and the certificate lists of the targets that a change touched are rebuilt, so applying
 * a change costs a copy of the maps (no store read, no row mapping, no sorting of other targets). Used once, on one
 * thread; the snapshot it makes wraps its maps read-only and nothing else holds them.
 */
final class SnapshotBuilder {
    final Set<String> vaultIds;
    final Map<String, AccessCredential> credentialsById;
    final Map<String, AccessCredential> credentialsByUsername;
    final Map<String, Route> routesById;
    final Map<String, RouteTable> routesByVault;
    final Map<String, StoredCertificate> certificatesById;
    final Map<String, List<StoredCertificate>> certificatesByTarget;
    final Map<String, TlsIdentity> identitiesByCertificate;
    private final Map<String, List<Route>> addedRoutesByVault = new HashMap<>();
    private final Map<String, List<StoredCertificate>> addedCertificatesByTarget = new HashMap<>();

    private SnapshotBuilder() {
        vaultIds = new HashSet<>();
        credentialsById = new HashMap<>();
        credentialsByUsername = new HashMap<>();
        routesById = new HashMap<>();
        routesByVault = new HashMap<>();
        certificatesById = new HashMap<>();
        certificatesByTarget = new HashMap<>();
        identitiesByCertificate = new HashMap<>();
    }

    private SnapshotBuilder(ConfigSnapshot held) {
        vaultIds = new HashSet<>(held.vaultIds());
        credentialsById = new HashMap<>(held.credentialsById());
        credentialsByUsername = new HashMap<>(held.credentialsByUsername());
        routesById = new HashMap<>(held.routesById());
        routesByVault = new HashMap<>(held.routesByVault());
        certificatesById = new HashMap<>(held.certificatesById());
        certificatesByTarget = new HashMap<>(held.certificatesByTarget());
        identitiesByCertificate = new HashMap<>(held.identitiesByCertificate());
    }

    /** Everything in the store, as a fresh snapshot. */
    static SnapshotBuilder of(StoreSnapshot store) {
        SnapshotBuilder builder = new SnapshotBuilder();
        store.vaults().forEach(builder::putVault);
        store.credentials().forEach(builder::putCredential);
        store.routes().forEach(builder::putRoute);
        store.certificates().forEach(builder::putCertificate);
        return builder.reindex();
    }

    /** The held snapshot with the changed rows applied; the changes must start at the held version. */
    static SnapshotBuilder applying(ConfigSnapshot held, StoreChanges changes) {
        if (changes.since() != held.version() || changes.whole().isPresent()) {
            throw new IllegalArgumentException("Changes since version " + changes.since()
                    + " (whole: " + changes.whole().isPresent() + ") cannot apply to version " + held.version());
        }
        SnapshotBuilder builder = new SnapshotBuilder(held);
        changes.removedCertificateIds().forEach(builder::removeCertificate);
        changes.removedCredentialIds().forEach(builder::removeCredential);
        changes.removedRouteIds().forEach(builder::removeRoute);
        changes.vaults().forEach(builder::putVault);
        changes.credentials().forEach(builder::putCredential);
        changes.routes().forEach(builder::putRoute);
        changes.certificates().forEach(builder::putCertificate);
        return builder.reindex();
    }

    private void putVault(Vault vault) {
        vaultIds.add(vault.id());
    }

    private void putCredential(AccessCredential credential) {
        removeCredential(credential.id());
        credentialsById.put(credential.id(), credential);
        credentialsByUsername.put(credential.username(), credential);
    }

    private void removeCredential(String id) {
        AccessCredential old = credentialsById.remove(id);
        if (old != null) {
            credentialsByUsername.remove(old.username());
        }
    }

    private void putRoute(Route route) {
        removeRoute(route.id());
        routesById.put(route.id(), route);
        addedRoutesByVault.computeIfAbsent(route.vaultId(), v -> new ArrayList<>()).add(route);
    }

    private void removeRoute(String id) {
        Route old = routesById.remove(id);
        if (old != null) {
            addedRoutesByVault.computeIfAbsent(old.vaultId(), v -> new ArrayList<>());
        }
    }

    private void putCertificate(StoredCertificate certificate) {
        removeCertificate(certificate.id());
        certificatesById.put(certificate.id(), certificate);
        identitiesByCertificate.put(certificate.id(), new TlsIdentity(certificate.id(), certificate.vaultId(),
                certificate.chainPem(), certificate.sealedPrivateKey()));
        addedCertificatesByTarget.computeIfAbsent(certificate.targetId(), t -> new ArrayList<>()).add(certificate);
    }

    private void removeCertificate(String id) {
        StoredCertificate old = certificatesById.remove(id);
        if (old != null) {
            identitiesByCertificate.remove(id);
            addedCertificatesByTarget.computeIfAbsent(old.targetId(), t -> new ArrayList<>());
        }
    }

    /** Rebuilds the route table of each touched vault and the certificate list of each touched target. */
    private SnapshotBuilder reindex() {
        addedRoutesByVault.forEach((vaultId, added) -> {
            List<Route> routes = new ArrayList<>(added);
            RouteTable held = routesByVault.get(vaultId);
            if (held != null) {
                held.routes().stream().filter(r -> routesById.get(r.id()) == r).forEach(routes::add);
            }
            putOrRemove(routesByVault, vaultId, routes.isEmpty() ? null : new RouteTable(routes));
        });
        addedCertificatesByTarget.forEach((targetId, added) -> {
            List<StoredCertificate> certificates = new ArrayList<>(added);
            certificatesByTarget.getOrDefault(targetId, List.of()).stream()
                    .filter(c -> certificatesById.get(c.id()) == c)
                    .forEach(certificates::add);
            certificates.sort(CertificateSelector.PREFERENCE);
            putOrRemove(certificatesByTarget, targetId, certificates.isEmpty() ? null : List.copyOf(certificates));
        });
        addedRoutesByVault.clear();
        addedCertificatesByTarget.clear();
        return this;
    }

    private static <V> void putOrRemove(Map<String, V> map, String key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }
}
