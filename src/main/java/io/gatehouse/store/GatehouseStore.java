package io.gatehouse.store;

import java.util.List;
import java.util.Optional;

/**
 * Persistence of Gatehouse's configuration. Every method that changes something runs in one transaction that also
 * appends an {@link AuditEvent} and increments the configuration version, and returns only once the change is
 * durable. Lookups by vault never return an object of another vault.
 *
 * <p>Implementations throw {@link StoreUnavailableException} when the database cannot be reached and
 * {@link ConflictException} when a write would break a rule (deleting a credential or route with certificates
 * attached, attaching the same certificate twice to one target).
 *
 * <p>{@link ConflictException} codes: {@code CERTIFICATES_ATTACHED} (delete of a credential or route that still has
 * certificates; {@link ConflictException#blockingIds()} names them), {@code DUPLICATE_CERTIFICATE} (same SHA-256
 * fingerprint on the same target; names the certificate already there), and {@code UNKNOWN_VAULT},
 * {@code UNKNOWN_CREDENTIAL}, {@code UNKNOWN_ROUTE} when the vault or target vanished between the caller's check and
 * the write (or belongs to another vault). Instants are kept to the millisecond.
 */
public interface GatehouseStore extends AutoCloseable {

    Vault createVault(String name, String actor);

    List<Vault> listVaults();

    Optional<Vault> findVault(String vaultId);

    /** Creates a credential with a generated id and username; the caller generates the password and its hash. */
    AccessCredential createCredential(String vaultId, String description, byte[] passwordHash, String actor);

    List<AccessCredential> listCredentials(String vaultId);

    Optional<AccessCredential> findCredential(String vaultId, String credentialId);

    /** Returns false when there is no such credential in the vault. */
    boolean deleteCredential(String vaultId, String credentialId, String actor);

    Route createRoute(String vaultId, String pathPrefix, String upstream, String description, String upstreamCaPem,
                      String actor);

    List<Route> listRoutes(String vaultId);

    Optional<Route> findRoute(String vaultId, String routeId);

    /** Replaces the route's prefix, upstream, description and CA certificates; empty when there is no such route. */
    Optional<Route> updateRoute(Route route, String actor);

    boolean deleteRoute(String vaultId, String routeId, String actor);

    /** Allocates an id for a certificate about to be sealed, so the sealed key can be bound to it. */
    String newCertificateId();

    /**
     * Stores a certificate whose id came from {@link #newCertificateId()} and returns it as stored: its
     * {@code createdAt} is set by the store (the given one is ignored), later than every certificate stored before.
     */
    StoredCertificate insertCertificate(StoredCertificate certificate, String actor);

    List<StoredCertificate> listCertificates(String vaultId);

    Optional<StoredCertificate> findCertificate(String vaultId, String certificateId);

    boolean deleteCertificate(String vaultId, String certificateId, String actor);

    List<AuditEvent> listAudit(String vaultId);

    /** The sealed outbound CA (key and certificate), if one was saved. */
    Optional<byte[]> loadOutboundCa();

    /** Saves the sealed outbound CA unless another node saved one first; returns the one that is kept. */
    byte[] saveOutboundCaIfAbsent(byte[] sealedOutboundCa);

    /** The configuration version, incremented by every change. */
    long configVersion();

    StoreSnapshot snapshot();

    /**
     * What changed after {@code version}, read in one transaction: the changed rows, or the whole store when they
     * cannot be told apart (see {@link StoreChanges}). Since version 0 (a reader holding nothing yet), and from a
     * store that keeps no history, the answer is the whole store.
     */
    default StoreChanges changesSince(long version) {
        return StoreChanges.whole(version, snapshot());
    }

    /**
     * A new feed of the configuration versions that any node commits, or empty when the store serves a single node
     * (the embedded store), whose admin API refreshes its own configuration after each write.
     */
    default Optional<ChangeFeed> changeFeed() {
        return Optional.empty();
    }

    @Override
    void close();
}
