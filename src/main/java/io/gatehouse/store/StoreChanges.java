package io.gatehouse.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a store holds at {@code version} compared with an earlier version {@code since}, read in one transaction:
 * either the rows that changed (created or updated rows as they are now, and the ids of rows that are gone), or,
 * when the changes cannot be told apart from the audit log, the whole store. Vaults are never deleted.
 *
 * <pre>{@code
 * StoreChanges changes = store.changesSince(held.version());
 * if (changes.whole().isPresent()) { rebuild from it } else { apply the rows to held }
 * }</pre>
 */
public record StoreChanges(
        long since,
        long version,
        Optional<StoreSnapshot> whole,
        List<Vault> vaults,
        List<AccessCredential> credentials,
        List<Route> routes,
        List<StoredCertificate> certificates,
        Set<String> removedCredentialIds,
        Set<String> removedRouteIds,
        Set<String> removedCertificateIds) {

    /** The whole store, for a reader that cannot apply changes on top of what it holds. */
    public static StoreChanges whole(long since, StoreSnapshot snapshot) {
        return new StoreChanges(since, snapshot.version(), Optional.of(snapshot), List.of(), List.of(), List.of(),
                List.of(), Set.of(), Set.of(), Set.of());
    }

    /** Nothing to apply: the store is at {@code version}, which is not after {@code since}. */
    public static StoreChanges none(long since, long version) {
        return new StoreChanges(since, version, Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                Set.of(), Set.of(), Set.of());
    }
}
