package io.gatehouse.store;

import static io.gatehouse.store.StoreTestData.ACTOR;
import static io.gatehouse.store.StoreTestData.inbound;
import static io.gatehouse.store.StoreTestData.outbound;
import static io.gatehouse.store.StoreTestData.passwordHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link GatehouseStore} must have, run against each database by a subclass: CRUD, vault
 * isolation, the deletion and duplicate rules, the audit log and the configuration version.
 */
abstract class StoreContract {
    protected GatehouseStore store;

    /** Opens a store on this test's database; called again to reopen the same database. */
    protected abstract GatehouseStore openStore();

    public GatehouseStore store() {
        return store;
    }

    public void reopenStore() {
        store.close();
        store = openStore();
    }

    @BeforeEach
    void openTheStore() {
        store = openStore();
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }

    @Test
    void createVault_givesGeneratedIdAndMillisecondTime_andIsFound() {
        Vault vault = store.createVault("payments", ACTOR);

        assertThat(vault.id()).matches("tnt[a-z0-9]{8}");
        assertThat(vault.name()).isEqualTo("payments");
        assertThat(vault.createdAt()).isEqualTo(vault.createdAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(store.findVault(vault.id())).contains(vault);
        assertThat(store.listVaults()).containsExactly(vault);
    }

    @Test
    void findVault_unknownId_isEmpty() {
        assertThat(store.findVault("tntunknown0")).isEmpty();
    }

    @Test
    void createCredential_givesGeneratedIdAndUsername_andKeepsTheHash() {
        Vault vault = store.createVault("payments", ACTOR);

        AccessCredential credential = store.createCredential(vault.id(), "billing", passwordHash("pw"), ACTOR);

        assertThat(credential.id()).matches("crd[a-z0-9]{12}");
        assertThat(credential.username()).matches("usr[a-z0-9]{12}");
        assertThat(credential.passwordHash()).isEqualTo(passwordHash("pw"));
        assertThat(store.findCredential(vault.id(), credential.id())).get()
                .usingRecursiveComparison().isEqualTo(credential);
        assertThat(store.listCredentials(vault.id())).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(credential);
    }

    @Test
    void createCredential_inUnknownVault_isConflictAndStoresNothing() {
        long before = store.configVersion();

        assertThatThrownBy(() -> store.createCredential("tntunknown0", null, passwordHash("pw"), ACTOR))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_VAULT"));
        assertThat(store.configVersion()).isEqualTo(before);
    }

    @Test
    void deleteCredential_removesIt_andASecondDeleteReturnsFalse() {
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);

        assertThat(store.deleteCredential(vault.id(), credential.id(), ACTOR)).isTrue();

        assertThat(store.findCredential(vault.id(), credential.id())).isEmpty();
        assertThat(store.deleteCredential(vault.id(), credential.id(), ACTOR)).isFalse();
    }

    @Test
    void deleteCredential_withCertificates_isConflictNamingThem_andChangesNothing() {
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        String first = insertOutbound(vault, credential, "AA:01");
        String second = insertOutbound(vault, credential, "AA:02");
        long version = store.configVersion();
        int auditSize = store.listAudit(vault.id()).size();

        assertThatThrownBy(() -> store.deleteCredential(vault.id(), credential.id(), ACTOR))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("CERTIFICATES_ATTACHED");
                    assertThat(e.blockingIds()).containsExactly(first, second);
                    assertThat(e.getMessage()).isEqualTo("Access credential " + credential.id()
                            + " still has certificates " + first + ", " + second + "; delete them first");
                });
        assertThat(store.findCredential(vault.id(), credential.id())).isPresent();
        assertThat(store.listCertificates(vault.id())).hasSize(2);
        assertThat(store.configVersion()).isEqualTo(version);
        assertThat(store.listAudit(vault.id())).hasSize(auditSize);
    }

    @Test
    void deleteRoute_withCertificates_isConflictNamingThem_andChangesNothing() {
        Vault vault = store.createVault("payments", ACTOR);
        Route route = store.createRoute(vault.id(), "/pay", "https://api.example.com", null, null, ACTOR);
        String certificateId = store.insertCertificate(
                inbound(store.newCertificateId(), vault.id(), route.id(), "BB:01"), ACTOR).id();
        long version = store.configVersion();

        assertThatThrownBy(() -> store.deleteRoute(vault.id(), route.id(), ACTOR))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("CERTIFICATES_ATTACHED");
                    assertThat(e.blockingIds()).containsExactly(certificateId);
                    assertThat(e.getMessage()).isEqualTo("Route " + route.id() + " still has certificates "
                            + certificateId + "; delete them first");
                });
        assertThat(store.findRoute(vault.id(), route.id())).contains(route);
        assertThat(store.configVersion()).isEqualTo(version);
    }

    @Test
    void deleteRoute_afterItsCertificatesAreDeleted_succeeds() {
        Vault vault = store.createVault("payments", ACTOR);
        Route route = store.createRoute(vault.id(), "/pay", "https://api.example.com", null, null, ACTOR);
        String certificateId = store.insertCertificate(
                inbound(store.newCertificateId(), vault.id(), route.id(), "BB:01"), ACTOR).id();

        assertThat(store.deleteCertificate(vault.id(), certificateId, ACTOR)).isTrue();
        assertThat(store.deleteRoute(vault.id(), route.id(), ACTOR)).isTrue();

        assertThat(store.findRoute(vault.id(), route.id())).isEmpty();
        assertThat(store.deleteCertificate(vault.id(), certificateId, ACTOR)).isFalse();
    }

    @Test
    void createRoute_keepsEveryField_andUpdateReplacesThem() {
        Vault vault = store.createVault("payments", ACTOR);
        Route route = store.createRoute(vault.id(), "/pay", "https://api.example.com:8443", "payments API",
                "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n", ACTOR);
        assertThat(route.id()).matches("rte[a-z0-9]{12}");
        assertThat(store.findRoute(vault.id(), route.id())).contains(route);

        Route changed = new Route(route.id(), vault.id(), "/v2", "http://other:8080", null, null, Instant.EPOCH);
        Route updated = store.updateRoute(changed, ACTOR).orElseThrow();

        assertThat(updated).isEqualTo(new Route(route.id(), vault.id(), "/v2", "http://other:8080", null, null,
                route.createdAt()));
        assertThat(store.listRoutes(vault.id())).containsExactly(updated);
    }

    @Test
    void updateRoute_unknownOrOfAnotherVault_isEmptyAndChangesNothing() {
        Vault vault = store.createVault("payments", ACTOR);
        Vault other = store.createVault("other", ACTOR);
        Route route = store.createRoute(vault.id(), "/pay", "https://api.example.com", null, null, ACTOR);
        long version = store.configVersion();

        Route moved = new Route(route.id(), other.id(), "/x", "https://evil.example", null, null, route.createdAt());
        Route unknown = new Route("rteunknown00000", vault.id(), "/x", "https://x", null, null, route.createdAt());

        assertThat(store.updateRoute(moved, ACTOR)).isEmpty();
        assertThat(store.updateRoute(unknown, ACTOR)).isEmpty();
        assertThat(store.findRoute(vault.id(), route.id())).contains(route);
        assertThat(store.configVersion()).isEqualTo(version);
    }

    @Test
    void lookups_withAnotherVaultsId_neverReturnItsObjects() {
        Vault vault = store.createVault("payments", ACTOR);
        Vault other = store.createVault("other", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        Route route = store.createRoute(vault.id(), "/", "https://api.example.com", null, null, ACTOR);
        String certificateId = insertOutbound(vault, credential, "CC:01");

        assertThat(store.findCredential(other.id(), credential.id())).isEmpty();
        assertThat(store.findRoute(other.id(), route.id())).isEmpty();
        assertThat(store.findCertificate(other.id(), certificateId)).isEmpty();
        assertThat(store.listCredentials(other.id())).isEmpty();
        assertThat(store.listRoutes(other.id())).isEmpty();
        assertThat(store.listCertificates(other.id())).isEmpty();
        assertThat(store.deleteCertificate(other.id(), certificateId, ACTOR)).isFalse();
        assertThat(store.deleteCredential(other.id(), credential.id(), ACTOR)).isFalse();
        assertThat(store.deleteRoute(other.id(), route.id(), ACTOR)).isFalse();
        assertThat(store.findCertificate(vault.id(), certificateId)).isPresent();
        assertThat(store.listAudit(other.id())).extracting(AuditEvent::action).containsExactly("vault.created");
    }

    @Test
    void insertCertificate_keepsEveryField_truncatedToTheMillisecond() {
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        StoredCertificate given = outbound(store.newCertificateId(), vault.id(), credential.id(), "DD:01");

        StoredCertificate stored = store.insertCertificate(given, ACTOR);

        assertThat(stored.notBefore()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
        assertThat(stored.createdAt()).isNotNull().isEqualTo(stored.createdAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(stored).usingRecursiveComparison().ignoringFields("notBefore", "createdAt").isEqualTo(given);
        assertThat(store.findCertificate(vault.id(), stored.id())).get()
                .usingRecursiveComparison().isEqualTo(stored);
        assertThat(store.listCertificates(vault.id())).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(stored);
    }

    @Test
    void insertCertificate_withoutSubjectAltNames_readsBackAnEmptyList() {
        Vault vault = store.createVault("payments", ACTOR);
        Route route = store.createRoute(vault.id(), "/", "https://api.example.com", null, null, ACTOR);
        StoredCertificate given = inbound(store.newCertificateId(), vault.id(), route.id(), "DD:02");
        StoredCertificate noNames = new StoredCertificate(given.id(), given.vaultId(), given.proxyType(), null,
                given.routeId(), null, given.chainPem(), given.sealedPrivateKey(), given.subject(), given.signer(),
                given.serialNumber(), given.sha256Fingerprint(), given.notBefore(), given.notAfter(),
                given.keyAlgorithm(), given.keySize(), List.of(), 1, null);

        store.insertCertificate(noNames, ACTOR);

        StoredCertificate found = store.findCertificate(vault.id(), given.id()).orElseThrow();
        assertThat(found.subjectAltNames()).isEmpty();
        assertThat(found.description()).isNull();
        assertThat(found.chainLength()).isEqualTo(1);
    }

    @Test
    void insertCertificate_sameFingerprintOnSameTarget_isDuplicate_butAnotherTargetMayHaveIt() {
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);
        AccessCredential another = store.createCredential(vault.id(), null, passwordHash("pw2"), ACTOR);
        String first = insertOutbound(vault, credential, "EE:01");
        long version = store.configVersion();

        StoredCertificate again = outbound(store.newCertificateId(), vault.id(), credential.id(), "EE:01");
        assertThatThrownBy(() -> store.insertCertificate(again, ACTOR))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("DUPLICATE_CERTIFICATE");
                    assertThat(e.blockingIds()).containsExactly(first);
                    assertThat(e.getMessage()).contains("EE:01", credential.id());
                });
        assertThat(store.configVersion()).isEqualTo(version);

        insertOutbound(vault, another, "EE:01");
        assertThat(store.listCertificates(vault.id())).hasSize(2);
    }

    @Test
    void insertCertificate_targetOfAnotherVaultOrUnknown_isRejected() {
        Vault vault = store.createVault("payments", ACTOR);
        Vault other = store.createVault("other", ACTOR);
        AccessCredential credential = store.createCredential(other.id(), null, passwordHash("pw"), ACTOR);
        Route route = store.createRoute(other.id(), "/", "https://api.example.com", null, null, ACTOR);

        StoredCertificate toForeignCredential = outbound(store.newCertificateId(), vault.id(), credential.id(), "F1");
        StoredCertificate toForeignRoute = inbound(store.newCertificateId(), vault.id(), route.id(), "F2");

        assertThatThrownBy(() -> store.insertCertificate(toForeignCredential, ACTOR))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("UNKNOWN_CREDENTIAL"));
        assertThatThrownBy(() -> store.insertCertificate(toForeignRoute, ACTOR))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_ROUTE"));
        assertThat(store.listCertificates(vault.id())).isEmpty();
        assertThat(store.listCertificates(other.id())).isEmpty();
    }

    @Test
    void insertCertificate_proxyTypeNotMatchingTarget_isIllegalArgument() {
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);

        StoredCertificate inboundOnCredential = StoreTestData.certificate(store.newCertificateId(), vault.id(),
                ProxyType.INBOUND, credential.id(), null, "F3");

        assertThatThrownBy(() -> store.insertCertificate(inboundOnCredential, ACTOR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void insertCertificate_inQuickSuccession_getsStrictlyIncreasingCreatedAt() {
        Vault vault = store.createVault("payments", ACTOR);
        AccessCredential credential = store.createCredential(vault.id(), null, passwordHash("pw"), ACTOR);

        List<Instant> times = List.of(
                store.insertCertificate(outbound(store.newCertificateId(), vault.id(), credential.id(), "1"), ACTOR),
                store.insertCertificate(outbound(store.newCertificateId(), vault.id(), credential.id(), "2"), ACTOR),
                store.insertCertificate(outbound(store.newCertificateId(), vault.id(), credential.id(), "3"), ACTOR))
                .stream().map(StoredCertificate::createdAt).toList();

        assertThat(times).isSortedAccordingTo(Instant::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void newCertificateId_isWellFormedAndFresh() {
        String first = store.newCertificateId();
        String second = store.newCertificateId();

        assertThat(first).matches("crt[a-z0-9]{12}");
        assertThat(second).matches("crt[a-z0-9]{12}").isNotEqualTo(first);
    }

    protected String insertOutbound(Vault vault, AccessCredential credential, String fingerprint) {
        return store.insertCertificate(
                outbound(store.newCertificateId(), vault.id(), credential.id(), fingerprint), ACTOR).id();
    }
}
