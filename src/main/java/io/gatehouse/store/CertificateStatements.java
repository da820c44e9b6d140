package io.gatehouse.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The certificate half of {@link JdbiStore}: allocation of ids, insertion under the store's rules, lookups. */
final class CertificateStatements {
    private static final String INSERT = "INSERT INTO certificates (id, vault_id, proxy_type, credential_id, "
            + "route_id, description, chain_pem, sealed_private_key, subject, signer, serial_number, "
            + "sha256_fingerprint, not_before, not_after, key_algorithm, key_size, subject_alt_names, chain_length, "
            + "created_at) VALUES (:id, :vaultId, :proxyType, :credentialId, :routeId, :description, :chainPem, "
            + ":sealedPrivateKey, :subject, :signer, :serialNumber, :sha256Fingerprint, :notBefore, :notAfter, "
            + ":keyAlgorithm, :keySize, :subjectAltNames, :chainLength, :createdAt)";

    private final StoreTransactions tx;

    CertificateStatements(StoreTransactions tx) {
        this.tx = tx;
    }

    String newId() {
        return tx.read("allocate a certificate id", handle -> {
            String id = RandomIds.certificateId();
            while (exists(handle, id)) {
                id = RandomIds.certificateId();
            }
            return id;
        });
    }

    StoredCertificate insert(StoredCertificate certificate, String actor) {
        checkShape(certificate);
        TargetKind target = TargetKind.of(certificate.proxyType());
        try {
            return tx.write("store a certificate", handle -> insert(handle, certificate, target, actor));
        } catch (IllegalStateException e) {
            // Reached only if a row slipped past the checks made under the write lock; the schema still says no.
            throw switch (SqlErrors.classify(e)) {
                case UNIQUE_VIOLATION -> duplicate(certificate, List.of());
                case FOREIGN_KEY_VIOLATION -> target.unknown(certificate.vaultId(), certificate.targetId());
                default -> e;
            };
        }
    }

    List<StoredCertificate> list(String vaultId) {
        return tx.read("list certificates", handle -> handle.createQuery(
                        "SELECT * FROM certificates WHERE vault_id = :vaultId ORDER BY created_at, id")
                .bind("vaultId", vaultId)
                .map(StoreRows.CERTIFICATE)
                .list());
    }

    Optional<StoredCertificate> find(String vaultId, String certificateId) {
        return tx.read("find a certificate", handle -> handle.createQuery(
                        "SELECT * FROM certificates WHERE vault_id = :vaultId AND id = :id")
                .bind("vaultId", vaultId)
                .bind("id", certificateId)
                .map(StoreRows.CERTIFICATE)
                .findOne());
    }

    boolean delete(String vaultId, String certificateId, String actor) {
        return tx.write("delete a certificate", handle -> {
            int deleted = handle.createUpdate("DELETE FROM certificates WHERE vault_id = :vaultId AND id = :id")
                    .bind("vaultId", vaultId)
                    .bind("id", certificateId)
                    .execute();
            if (deleted == 0) {
                return false;
            }
            tx.recordChange(handle, vaultId, actor, "certificate.deleted", "certificate", certificateId);
            return true;
        });
    }

    static List<StoredCertificate> all(Handle handle) {
        return handle.createQuery("SELECT * FROM certificates ORDER BY created_at, id")
                .map(StoreRows.CERTIFICATE)
                .list();
    }

    /** Ids of the certificates attached to a credential ({@code OUTBOUND}) or route ({@code INBOUND}). */
    static List<String> attachedTo(Handle handle, ProxyType type, String targetId) {
        String column = TargetKind.of(type).certificateColumn();
        return handle.createQuery("SELECT id FROM certificates WHERE " + column + " = :targetId "
                        + "ORDER BY created_at, id")
                .bind("targetId", targetId)
                .mapTo(String.class)
                .list();
    }

    private StoredCertificate insert(Handle handle, StoredCertificate certificate, TargetKind target,
                                     String actor) {
        if (!target.exists(handle, certificate.vaultId(), certificate.targetId())) {
            throw target.unknown(certificate.vaultId(), certificate.targetId());
        }
        List<String> sameFingerprint = handle.createQuery("SELECT id FROM certificates WHERE "
                        + target.certificateColumn() + " = :targetId AND sha256_fingerprint = :fingerprint")
                .bind("targetId", certificate.targetId())
                .bind("fingerprint", certificate.sha256Fingerprint())
                .mapTo(String.class)
                .list();
        if (!sameFingerprint.isEmpty()) {
            throw duplicate(certificate, sameFingerprint);
        }
        StoredCertificate stored = asStored(certificate, uploadTime(handle));
        handle.createUpdate(INSERT)
                .bindMethods(stored)
                .bind("proxyType", stored.proxyType().name())
                .bind("notBefore", stored.notBefore().toEpochMilli())
                .bind("notAfter", stored.notAfter().toEpochMilli())
                .bind("subjectAltNames", StoreRows.joinSubjectAltNames(stored.subjectAltNames()))
                .bind("createdAt", stored.createdAt().toEpochMilli())
                .execute();
        tx.recordChange(handle, stored.vaultId(), actor, "certificate.created", "certificate", stored.id());
        return stored;
    }

    /** Now, or just after the newest certificate if the clock has not moved on: upload order stays readable. */
    private Instant uploadTime(Handle handle) {
        long newest = handle.createQuery("SELECT COALESCE(MAX(created_at), 0) FROM certificates")
                .mapTo(Long.class)
                .one();
        Instant now = tx.now();
        return now.toEpochMilli() > newest ? now : Instant.ofEpochMilli(newest + 1);
    }

    private static boolean exists(Handle handle, String id) {
        return handle.createQuery("SELECT COUNT(*) FROM certificates WHERE id = :id")
                .bind("id", id)
                .mapTo(Integer.class)
                .one() > 0;
    }

    private static StoredCertificate asStored(StoredCertificate c, Instant createdAt) {
        return new StoredCertificate(c.id(), c.vaultId(), c.proxyType(), c.credentialId(), c.routeId(),
                c.description(), c.chainPem(), c.sealedPrivateKey().clone(), c.subject(), c.signer(),
                c.serialNumber(), c.sha256Fingerprint(), StoreRows.millis(c.notBefore()),
                StoreRows.millis(c.notAfter()), c.keyAlgorithm(), c.keySize(),
                c.subjectAltNames() == null ? List.of() : List.copyOf(c.subjectAltNames()), c.chainLength(),
                createdAt);
    }

    private static ConflictException duplicate(StoredCertificate c, List<String> existing) {
        String target = TargetKind.of(c.proxyType()) == TargetKind.CREDENTIAL ? "access credential" : "route";
        String which = existing.isEmpty() ? "" : " as " + String.join(", ", existing);
        return new ConflictException("DUPLICATE_CERTIFICATE", "The certificate with fingerprint "
                + c.sha256Fingerprint() + " is already attached to " + target + " " + c.targetId() + which, existing);
    }

    /** Rejects a record that no caller should build; the admin API answers these as bad input before. */
    private static void checkShape(StoredCertificate c) {
        for (Object field : new Object[] {c.id(), c.vaultId(), c.proxyType(), c.chainPem(), c.sealedPrivateKey(),
                c.subject(), c.signer(), c.serialNumber(), c.sha256Fingerprint(), c.notBefore(), c.notAfter(),
                c.keyAlgorithm()}) {
            if (field == null) {
                throw new IllegalArgumentException("A certificate to store needs every field but description, "
                        + "subjectAltNames and createdAt; one is missing in " + c);
            }
        }
        boolean outbound = c.proxyType() == ProxyType.OUTBOUND;
        if (outbound != (c.credentialId() != null) || outbound == (c.routeId() != null)) {
            throw new IllegalArgumentException("An " + c.proxyType() + " certificate is attached to "
                    + (outbound ? "an access credential" : "a route") + " and only to it: " + c);
        }
    }
}
