package io.gatehouse.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reads what changed after a configuration version, for {@link JdbiStore#changesSince}. Every change increments the
 * version by one and writes one audit event that names the version and the object it touched, so the events after
 * {@code since} are exactly the changes when there is one per version. Each touched object is then read as it is
 * now (absent means deleted). When the events do not account for every version (the outbound CA was saved, or the
 * events predate the versioned audit log), or there are too many to be worth reading one by one, the whole store is
 * read instead. All of it runs in the caller's snapshot transaction, so it sees one point in time.
 */
final class StoreChangeReader {
    /** Beyond this many changes a whole read is cheaper than reading the touched rows one by one. */
    static final int MAX_CHANGES = 512;

    private static final Set<String> KNOWN_TYPES = Set.of("vault", "credential", "route", "certificate");

    private record Touched(String objectType, String objectId) {
    }

    private StoreChangeReader() {
    }

    static StoreChanges read(Handle handle, long since, Function<Handle, StoreSnapshot> whole) {
        long version = StoreTransactions.version(handle);
        if (version <= since) {
            return StoreChanges.none(since, version);
        }
        if (since <= 0 || version - since > MAX_CHANGES) {
            return StoreChanges.whole(since, whole.apply(handle));
        }
        List<Touched> touched = handle.createQuery("SELECT object_type, object_id FROM audit_events "
                        + "WHERE config_version > :since AND config_version <= :version")
                .bind("since", since)
                .bind("version", version)
                .map((rs, ctx) -> new Touched(rs.getString("object_type"), rs.getString("object_id")))
                .list();
        if (touched.size() != version - since
                || !touched.stream().map(Touched::objectType).allMatch(KNOWN_TYPES::contains)) {
            return StoreChanges.whole(since, whole.apply(handle));
        }
        return changes(handle, since, version, touched);
    }

    private static StoreChanges changes(Handle handle, long since, long version, List<Touched> touched) {
        List<Vault> vaults = new ArrayList<>();
        List<AccessCredential> credentials = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        List<StoredCertificate> certificates = new ArrayList<>();
        Set<String> removedCredentials = new HashSet<>();
        Set<String> removedRoutes = new HashSet<>();
        Set<String> removedCertificates = new HashSet<>();
        for (Touched t : new LinkedHashSet<>(touched)) {
            switch (t.objectType()) {
                case "vault" -> find(handle, "vaults", StoreRows.VAULT, t.objectId()).ifPresent(vaults::add);
                case "credential" -> find(handle, "credentials", StoreRows.CREDENTIAL, t.objectId())
                        .ifPresentOrElse(credentials::add, () -> removedCredentials.add(t.objectId()));
                case "route" -> find(handle, "routes", StoreRows.ROUTE, t.objectId())
                        .ifPresentOrElse(routes::add, () -> removedRoutes.add(t.objectId()));
                case "certificate" -> find(handle, "certificates", StoreRows.CERTIFICATE, t.objectId())
                        .ifPresentOrElse(certificates::add, () -> removedCertificates.add(t.objectId()));
                default -> throw new IllegalStateException("Unknown object type " + t.objectType()
                        + "; read() sends those to a whole read");
            }
        }
        return new StoreChanges(since, version, Optional.empty(), List.copyOf(vaults), List.copyOf(credentials),
                List.copyOf(routes), List.copyOf(certificates), Set.copyOf(removedCredentials),
                Set.copyOf(removedRoutes), Set.copyOf(removedCertificates));
    }

    private static <T> Optional<T> find(Handle handle, String table, RowMapper<T> mapper, String id) {
        return handle.createQuery("SELECT * FROM " + table + " WHERE id = :id")
                .bind("id", id)
                .map(mapper)
                .findOne();
    }
}
