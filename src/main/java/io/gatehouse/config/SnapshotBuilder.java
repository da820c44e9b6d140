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
import java.util.List;
import java.util.Map;

/**
 * Builds the indexes of one {@link ConfigSnapshot}, either from the whole store or from the snapshot held with the
 * changed rows applied. The indexes are {@link LayeredMap}s: the next snapshot shares every unchanged entry with the
 * held one, and only the route tables of the vaults and the certificate lists of the targets that a change touched
 * are rebuilt. So applying a change costs about what it touched (no store read of other rows, no copy of the
 * indexes, no sorting of other targets). Used once, on one thread.
 */
final class SnapshotBuilder {
    final Edits<String, String> vaultIds;
    final Edits<String, AccessCredential> credentialsById;
    final Edits<String, AccessCredential> credentialsByUsername;
    final Edits<String, Route> routesById;
    final Edits<String, RouteTable> routesByVault;
    final Edits<String, StoredCertificate> certificatesById;
    final Edits<String, List<StoredCertificate>> certificatesByTarget;
    final Edits<String, TlsIdentity> identitiesByCertificate;
    // Every vault (target) a change touched, with the routes (certificates) it put there; reindex() rebuilds these.
    private final Map<String, List<Route>> touchedVaults = new HashMap<>();
    private final Map<String, List<StoredCertificate>> touchedTargets = new HashMap<>();

    /** Changes to one index of the held snapshot; {@code null} marks a removal. */
    static final class Edits<K, V> {
        private final LayeredMap<K, V> held;
        private final Map<K, V> changed = new HashMap<>();

        Edits(LayeredMap<K, V> held) {
            this.held = held;
        }

        V get(K key) {
            return changed.containsKey(key) ? changed.get(key) : held.get(key);
        }

        void put(K key, V value) {
            changed.put(key, value);
        }

        V remove(K key) {
            V old = get(key);
            if (old != null) {
                changed.put(key, null);
            }
            return old;
        }

        LayeredMap<K, V> result() {
            return held.with(changed);
        }
    }

    private SnapshotBuilder(ConfigSnapshot held) {
        vaultIds = new Edits<>(held.vaultIndex());
        credentialsById = new Edits<>(held.credentialsById());
        credentialsByUsername = new Edits<>(held.credentialsByUsername());
        routesById = new Edits<>(held.routesById());
        routesByVault = new Edits<>(held.routesByVault());
        certificatesById = new Edits<>(held.certificatesById());
        certificatesByTarget = new Edits<>(held.certificatesByTarget());
        identitiesByCertificate = new Edits<>(held.identitiesByCertificate());
    }

    /** Everything in the store, as a fresh snapshot. */
    static SnapshotBuilder of(StoreSnapshot store) {
        SnapshotBuilder builder = new SnapshotBuilder(ConfigSnapshot.empty());
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
        vaultIds.put(vault.id(), vault.id());
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
        touchedVaults.computeIfAbsent(route.vaultId(), v -> new ArrayList<>()).add(route);
    }

    private void removeRoute(String id) {
        Route old = routesById.remove(id);
        if (old != null) {
            touchedVaults.computeIfAbsent(old.vaultId(), v -> new ArrayList<>());
        }
    }

    private void putCertificate(StoredCertificate certificate) {
        removeCertificate(certificate.id());
        certificatesById.put(certificate.id(), certificate);
        identitiesByCertificate.put(certificate.id(), new TlsIdentity(certificate.id(), certificate.vaultId(),
                certificate.chainPem(), certificate.sealedPrivateKey()));
        touchedTargets.computeIfAbsent(certificate.targetId(), t -> new ArrayList<>()).add(certificate);
    }

    private void removeCertificate(String id) {
        StoredCertificate old = certificatesById.remove(id);
        if (old != null) {
            identitiesByCertificate.remove(id);
            touchedTargets.computeIfAbsent(old.targetId(), t -> new ArrayList<>());
        }
    }

    /** Rebuilds the route table of each touched vault and the certificate list of each touched target. */
    private SnapshotBuilder reindex() {
        touchedVaults.forEach((vaultId, added) -> {
            List<Route> routes = new ArrayList<>(added);
            RouteTable held = routesByVault.get(vaultId);
            if (held != null) {
                held.routes().stream().filter(r -> routesById.get(r.id()) == r).forEach(routes::add);
            }
            routesByVault.put(vaultId, routes.isEmpty() ? null : new RouteTable(routes));
        });
        touchedTargets.forEach((targetId, added) -> {
            List<StoredCertificate> certificates = new ArrayList<>(added);
            List<StoredCertificate> held = certificatesByTarget.get(targetId);
            if (held != null) {
                held.stream().filter(c -> certificatesById.get(c.id()) == c).forEach(certificates::add);
            }
            certificates.sort(CertificateSelector.PREFERENCE);
            certificatesByTarget.put(targetId, certificates.isEmpty() ? null : List.copyOf(certificates));
        });
        touchedVaults.clear();
        touchedTargets.clear();
        return this;
    }
}
