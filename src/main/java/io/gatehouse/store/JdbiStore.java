package io.gatehouse.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The {@link GatehouseStore} on SQLite or PostgreSQL through Jdbi, made by {@link StoreFactory}. Writes take the
 * database's write lock first (see {@link Dialect#lockForWrite}), so the checks they make (does the target exist,
 * has it certificates) still hold when they commit, on one node or many; the schema enforces the same rules again.
 *
 * <p>All times are truncated to the millisecond. A certificate's {@code createdAt} is set by the store, strictly
 * after every certificate stored before it, so that "ties go to the latest upload" can be read from it.
 */
public final class JdbiStore implements GatehouseStore {
    private static final int ID_ATTEMPTS = 5;

    private final StoreTransactions tx;
    private final CertificateStatements certificates;
    private final HikariDataSource dataSource;

    JdbiStore(StoreTransactions tx, HikariDataSource dataSource) {
        this.tx = tx;
        this.certificates = new CertificateStatements(tx);
        this.dataSource = dataSource;
    }

    @Override
    public Vault createVault(String name, String actor) {
        requireNonNull(name, "name");
        requireNonNull(actor, "actor");
        return withFreshIds(() -> tx.write("create a vault", handle -> {
            Vault vault = new Vault(RandomIds.vaultId(), name, tx.now());
            handle.createUpdate("INSERT INTO vaults (id, name, created_at) VALUES (:id, :name, :createdAt)")
                    .bind("id", vault.id())
                    .bind("name", name)
                    .bind("createdAt", vault.createdAt().toEpochMilli())
                    .execute();
            tx.recordChange(handle, vault.id(), actor, "vault.created", "vault", vault.id());
            return vault;
        }));
    }

    @Override
    public List<Vault> listVaults() {
        return tx.read("list vaults", JdbiStore::allVaults);
    }

    @Override
    public Optional<Vault> findVault(String vaultId) {
        requireNonNull(vaultId, "vaultId");
        return tx.read("find a vault", handle -> handle.createQuery("SELECT * FROM vaults WHERE id = :id")
                .bind("id", vaultId)
                .map(StoreRows.VAULT)
                .findOne());
    }

    @Override
    public AccessCredential createCredential(String vaultId, String description, byte[] passwordHash, String actor) {
        requireNonNull(vaultId, "vaultId");
        requireNonNull(passwordHash, "passwordHash");
        requireNonNull(actor, "actor");
        return withFreshIds(() -> tx.write("create an access credential", handle -> {
            requireVault(handle, vaultId);
            AccessCredential credential = new AccessCredential(RandomIds.credentialId(), vaultId,
                    RandomIds.username(), description, passwordHash.clone(), tx.now());
            handle.createUpdate("INSERT INTO credentials (id, vault_id, username, description, password_hash, "
                            + "created_at) VALUES (:id, :vaultId, :username, :description, :hash, :createdAt)")
                    .bind("id", credential.id())
                    .bind("vaultId", vaultId)
                    .bind("username", credential.username())
                    .bind("description", description)
                    .bind("hash", credential.passwordHash())
                    .bind("createdAt", credential.createdAt().toEpochMilli())
                    .execute();
            tx.recordChange(handle, vaultId, actor, "credential.created", "credential", credential.id());
            return credential;
        }));
    }

    @Override
    public List<AccessCredential> listCredentials(String vaultId) {
        requireNonNull(vaultId, "vaultId");
        return tx.read("list access credentials", handle -> handle.createQuery(
                        "SELECT * FROM credentials WHERE vault_id = :vaultId ORDER BY created_at, id")
                .bind("vaultId", vaultId)
                .map(StoreRows.CREDENTIAL)
                .list());
    }

    @Override
    public Optional<AccessCredential> findCredential(String vaultId, String credentialId) {
        requireNonNull(vaultId, "vaultId");
        requireNonNull(credentialId, "credentialId");
        return tx.read("find an access credential", handle -> handle.createQuery(
                        "SELECT * FROM credentials WHERE vault_id = :vaultId AND id = :id")
                .bind("vaultId", vaultId)
                .bind("id", credentialId)
                .map(StoreRows.CREDENTIAL)
                .findOne());
    }

    @Override
    public boolean deleteCredential(String vaultId, String credentialId, String actor) {
        requireNonNull(vaultId, "vaultId");
        requireNonNull(credentialId, "credentialId");
        requireNonNull(actor, "actor");
        return deleteTarget(ProxyType.OUTBOUND, vaultId, credentialId, actor);
    }

    @Override
    public Route createRoute(String vaultId, String pathPrefix, String upstream, String description,
                             String upstreamCaPem, String actor) {
        requireNonNull(vaultId, "vaultId");
        requireNonNull(pathPrefix, "pathPrefix");
        requireNonNull(upstream, "upstream");
        requireNonNull(actor, "actor");
        return withFreshIds(() -> tx.write("create a route", handle -> {
            requireVault(handle, vaultId);
            Route route = new Route(RandomIds.routeId(), vaultId, pathPrefix, upstream, description, upstreamCaPem,
                    tx.now());
            handle.createUpdate("INSERT INTO routes (id, vault_id, path_prefix, upstream, description, "
                            + "upstream_ca_pem, created_at) "
                            + "VALUES (:id, :vaultId, :pathPrefix, :upstream, :description, :ca, :createdAt)")
                    .bindMethods(route)
                    .bind("ca", upstreamCaPem)
                    .bind("createdAt", route.createdAt().toEpochMilli())
                    .execute();
            tx.recordChange(handle, vaultId, actor, "route.created", "route", route.id());
            return route;
        }));
    }

    @Override
    public List<Route> listRoutes(String vaultId) {
        requireNonNull(vaultId, "vaultId");
        return tx.read("list routes", handle -> handle.createQuery(
                        "SELECT * FROM routes WHERE vault_id = :vaultId ORDER BY created_at, id")
                .bind("vaultId", vaultId)
                .map(StoreRows.ROUTE)
                .list());
    }

    @Override
    public Optional<Route> findRoute(String vaultId, String routeId) {
        requireNonNull(vaultId, "vaultId");
        requireNonNull(routeId, "routeId");
        return tx.read("find a route", handle -> findRoute(handle, vaultId, routeId));
    }

    @Override
    public Optional<Route> updateRoute(Route route, String actor) {
        requireNonNull(route, "route");
        requireNonNull(route.id(), "route.id");
        requireNonNull(route.vaultId(), "route.vaultId");
        requireNonNull(route.pathPrefix(), "route.pathPrefix");
        requireNonNull(route.upstream(), "route.upstream");
        requireNonNull(actor, "actor");
        return tx.write("update a route", handle -> {
            int updated = handle.createUpdate("UPDATE routes SET path_prefix = :pathPrefix, upstream = :upstream, "
                            + "description = :description, upstream_ca_pem = :upstreamCaPem "
                            + "WHERE vault_id = :vaultId AND id = :id")
                    .bindMethods(route)
                    .execute();
            if (updated == 0) {
                return Optional.empty();
            }
            tx.recordChange(handle, route.vaultId(), actor, "route.updated", "route", route.id());
            return findRoute(handle, route.vaultId(), route.id());
        });
    }

    @Override
    public boolean deleteRoute(String vaultId, String routeId, String actor) {
        requireNonNull(vaultId, "vaultId");
        requireNonNull(routeId, "routeId");
        requireNonNull(actor, "actor");
        return deleteTarget(ProxyType.INBOUND, vaultId, routeId, actor);
    }

    @Override
    public String newCertificateId() {
        return certificates.newId();
    }

    @Override
    public StoredCertificate insertCertificate(StoredCertificate certificate, String actor) {
        requireNonNull(certificate, "certificate");
        requireNonNull(actor, "actor");
        return certificates.insert(certificate, actor);
    }

    @Override
    public List<StoredCertificate> listCertificates(String vaultId) {
        requireNonNull(vaultId, "vaultId");
        return certificates.list(vaultId);
    }

    @Override
    public Optional<StoredCertificate> findCertificate(String vaultId, String certificateId) {
        requireNonNull(vaultId, "vaultId");
        requireNonNull(certificateId, "certificateId");
        return certificates.find(vaultId, certificateId);
    }

    @Override
    public boolean deleteCertificate(String vaultId, String certificateId, String actor) {
        requireNonNull(vaultId, "vaultId");
        requireNonNull(certificateId, "certificateId");
        requireNonNull(actor, "actor");
        return certificates.delete(vaultId, certificateId, actor);
    }

    @Override
    public List<AuditEvent> listAudit(String vaultId) {
        requireNonNull(vaultId, "vaultId");
        return tx.read("list the audit log", handle -> handle.createQuery(
                        "SELECT * FROM audit_events WHERE vault_id = :vaultId ORDER BY sequence")
                .bind("vaultId", vaultId)
                .map(StoreRows.AUDIT_EVENT)
                .list());
    }

    @Override
    public Optional<byte[]> loadOutboundCa() {
        return tx.read("load the outbound CA", JdbiStore::outboundCa);
    }

    /** Keeps the first CA saved; saving one increments the configuration version but writes no vault's audit. */
    @Override
    public byte[] saveOutboundCaIfAbsent(byte[] sealedOutboundCa) {
        requireNonNull(sealedOutboundCa, "sealedOutboundCa");
        return tx.write("save the outbound CA", handle -> {
            int inserted = handle.createUpdate("INSERT INTO outbound_ca (id, sealed, created_at) "
                            + "VALUES (1, :sealed, :createdAt) ON CONFLICT (id) DO NOTHING")
                    .bind("sealed", sealedOutboundCa)
                    .bind("createdAt", tx.now().toEpochMilli())
                    .execute();
            if (inserted == 1) {
                tx.incrementVersion(handle);
            }
            return outboundCa(handle).orElseThrow();
        });
    }

    @Override
    public long configVersion() {
        return tx.read("read the configuration version", StoreTransactions::version);
    }

    @Override
    public StoreSnapshot snapshot() {
        return tx.snapshot("read a configuration snapshot", JdbiStore::wholeSnapshot);
    }

    @Override
    public StoreChanges changesSince(long version) {
        return tx.snapshot("read the configuration changes",
                handle -> StoreChangeReader.read(handle, version, JdbiStore::wholeSnapshot));
    }

    @Override
    public Optional<ChangeFeed> changeFeed() {
        if (Dialect.of(dataSource.getJdbcUrl()) != Dialect.POSTGRESQL) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        properties.putAll(dataSource.getDataSourceProperties());
        putIfPresent(properties, "user", dataSource.getUsername());
        putIfPresent(properties, "password", dataSource.getPassword());
        // Names the session in pg_stat_activity, so an operator can tell the listener from pooled connections.
        properties.setProperty("ApplicationName", PostgresChangeListener.APPLICATION_NAME);
        return Optional.of(new PostgresChangeListener(dataSource.getJdbcUrl(), properties));
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private boolean deleteTarget(ProxyType type, String vaultId, String targetId, String actor) {
        TargetKind target = TargetKind.of(type);
        try {
            return deleteUnlessAttached(target, type, vaultId, targetId, actor);
        } catch (IllegalStateException e) {
            // The ON DELETE RESTRICT key said no although the check under the write lock found nothing attached.
            if (SqlErrors.classify(e) == SqlErrors.Kind.FOREIGN_KEY_VIOLATION) {
                throw target.certificatesAttached(targetId, List.of());
            }
            throw e;
        }
    }

    private boolean deleteUnlessAttached(TargetKind target, ProxyType type, String vaultId, String targetId,
                                         String actor) {
        return tx.write("delete " + target.noun(), handle -> {
            if (!target.exists(handle, vaultId, targetId)) {
                return false;
            }
            List<String> attached = CertificateStatements.attachedTo(handle, type, targetId);
            if (!attached.isEmpty()) {
                throw target.certificatesAttached(targetId, attached);
            }
            handle.createUpdate("DELETE FROM " + target.table() + " WHERE vault_id = :vaultId AND id = :id")
                    .bind("vaultId", vaultId)
                    .bind("id", targetId)
                    .execute();
            tx.recordChange(handle, vaultId, actor, target.objectType() + ".deleted", target.objectType(), targetId);
            return true;
        });
    }

    private static void putIfPresent(Properties properties, String name, String value) {
        if (value != null) {
            properties.setProperty(name, value);
        }
    }

    private static void requireVault(Handle handle, String vaultId) {
        boolean exists = handle.createQuery("SELECT COUNT(*) FROM vaults WHERE id = :id")
                .bind("id", vaultId)
                .mapTo(Integer.class)
                .one() > 0;
        if (!exists) {
            throw new ConflictException("UNKNOWN_VAULT", "Vault " + vaultId + " does not exist", List.of());
        }
    }

    private static StoreSnapshot wholeSnapshot(Handle handle) {
        return new StoreSnapshot(
                StoreTransactions.version(handle),
                allVaults(handle),
                handle.createQuery("SELECT * FROM credentials ORDER BY created_at, id")
                        .map(StoreRows.CREDENTIAL)
                        .list(),
                handle.createQuery("SELECT * FROM routes ORDER BY created_at, id").map(StoreRows.ROUTE).list(),
                CertificateStatements.all(handle),
                outboundCa(handle));
    }

    private static List<Vault> allVaults(Handle handle) {
        return handle.createQuery("SELECT * FROM vaults ORDER BY created_at, id").map(StoreRows.VAULT).list();
    }

    private static Optional<Route> findRoute(Handle handle, String vaultId, String routeId) {
        return handle.createQuery("SELECT * FROM routes WHERE vault_id = :vaultId AND id = :id")
                .bind("vaultId", vaultId)
                .bind("id", routeId)
                .map(StoreRows.ROUTE)
                .findOne();
    }

    private static Optional<byte[]> outboundCa(Handle handle) {
        return handle.createQuery("SELECT sealed FROM outbound_ca WHERE id = 1")
                .map((rs, ctx) -> rs.getBytes("sealed"))
                .findOne();
    }

    /** Retries an insert whose freshly generated id or username hit an existing one. */
    private static <T> T withFreshIds(Supplier<T> insert) {
        for (int attempt = 1; ; attempt++) {
            try {
                return insert.get();
            } catch (IllegalStateException e) {
                if (attempt == ID_ATTEMPTS || SqlErrors.classify(e) != SqlErrors.Kind.UNIQUE_VIOLATION) {
                    throw e;
                }
            }
        }
    }
}
