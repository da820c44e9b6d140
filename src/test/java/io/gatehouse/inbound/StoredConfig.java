package io.gatehouse.inbound;

import io.gatehouse.cert.CertificateIntake;
import io.gatehouse.cert.CertificateSummary;
import io.gatehouse.cert.ParsedCertificate;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.secret.KeySealer;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.ProxyType;
import io.gatehouse.store.Route;
import io.gatehouse.store.StoreFactory;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.testing.IssuedCertificate;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A real embedded store with the live configuration the proxy serves, changed as the admin API changes it: each
 * write goes to the store, then the configuration is refreshed. Certificates go through the real intake and sealer.
 */
final class StoredConfig implements AutoCloseable {
    private static final String ACTOR = "inbound-test";

    private final GatehouseStore store;
    private final LiveConfig liveConfig;
    private final KeySealer sealer;
    private final CertificateIntake intake = new CertificateIntake(Clock.systemUTC());

    private StoredConfig(GatehouseStore store, KeySealer sealer) {
        this.store = store;
        this.sealer = sealer;
        this.liveConfig = new LiveConfig(store);
        liveConfig.refresh();
    }

    static StoredConfig open(Path dataDir) {
        return new StoredConfig(StoreFactory.open(null, null, null, dataDir), InboundServerFixture.newSealer());
    }

    LiveConfig liveConfig() {
        return liveConfig;
    }

    KeySealer sealer() {
        return sealer;
    }

    String createVault() {
        String id = store.createVault("inbound test", ACTOR).id();
        liveConfig.refresh();
        return id;
    }

    Route createRoute(String vaultId, String prefix, String upstream, String upstreamCaPem) {
        Route route = store.createRoute(vaultId, prefix, upstream, null, upstreamCaPem, ACTOR);
        liveConfig.refresh();
        return route;
    }

    Route updateRoute(Route route) {
        Route updated = store.updateRoute(route, ACTOR).orElseThrow();
        liveConfig.refresh();
        return updated;
    }

    /** Uploads the certificate and key to the route as the admin API does, and returns what was stored. */
    StoredCertificate attach(String vaultId, String routeId, IssuedCertificate certificate) throws Exception {
        return attach(vaultId, routeId, certificate.chainPem(), certificate.privateKeyPem());
    }

    /** Uploads PEM text, as a user of the admin API would. */
    StoredCertificate attach(String vaultId, String routeId, String chainPem, String keyPem) throws Exception {
        ParsedCertificate parsed = intake.fromPem(chainPem, keyPem, null);
        String id = store.newCertificateId();
        CertificateSummary summary = parsed.summary();
        StoredCertificate stored = store.insertCertificate(new StoredCertificate(id, vaultId, ProxyType.INBOUND,
                null, routeId, summary.commonName(), parsed.chainPem(), sealer.sealPrivateKey(parsed.privateKey(), id),
                summary.subject(), summary.signer(), summary.serialNumber(), summary.sha256Fingerprint(),
                summary.notBefore(), summary.notAfter(), summary.keyAlgorithm(), summary.keySize(),
                summary.subjectAltNames(), summary.chainLength(), null), ACTOR);
        liveConfig.refresh();
        return stored;
    }

    void deleteCertificate(String vaultId, String certificateId) {
        if (!store.deleteCertificate(vaultId, certificateId, ACTOR)) {
            throw new IllegalStateException("no certificate " + certificateId);
        }
        liveConfig.refresh();
    }

    @Override
    public void close() {
        store.close();
    }
}
