package io.gatehouse.outbound;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.secret.KeySealer;
import io.gatehouse.secret.MasterKey;
import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.ProxyType;
import io.gatehouse.store.StoreFactory;
import io.gatehouse.store.StoredCertificate;
import io.gatehouse.store.Vault;
import io.gatehouse.testing.IssuedCertificate;
import io.gatehouse.testing.Pem;
import io.gatehouse.upstream.NettyTransport;
import io.gatehouse.upstream.UpstreamClient;
import io.gatehouse.upstream.UpstreamSettings;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A whole outbound proxy for tests, assembled as a node assembles it: a real SQLite store in a temporary data
 * directory, a master key, the live configuration, the upstream client (trusting the given upstream CA), the
 * outbound CA and the proxy on 127.0.0.1 port 0 for both listeners. Changes go through the store and are applied
 * with {@link LiveConfig#refresh()}, as the admin API does.
 */
final class ProxyTestBed implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path dataDir;
    final GatehouseStore store;
    final KeySealer sealer;
    final LiveConfig liveConfig;
    final NettyTransport transport;
    final UpstreamClient upstreamClient;
    final OutboundCa outboundCa;
    final OutboundProxyServer server;
    final Vault vault;

    /** A credential as its holder knows it: the password is only here, the store has its hash. */
    record Credential(String id, String username, String password) {
    }

    private ProxyTestBed(Path dataDir, String upstreamCaPem) {
        this.dataDir = dataDir;
        this.store = StoreFactory.open(null, null, null, dataDir);
        this.sealer = new KeySealer(MasterKey.load(java.util.Optional.empty(), dataDir));
        this.liveConfig = new LiveConfig(store);
        this.transport = NettyTransport.create(2);
        this.upstreamClient = new UpstreamClient(transport, sealer,
                UpstreamSettings.defaults().withUpstreamCaPem(upstreamCaPem));
        liveConfig.onChange(snapshot -> upstreamClient.retainCertificates(snapshot.certificateIds()));
        this.outboundCa = OutboundCa.loadOrCreate(store, sealer, dataDir, transport.sslProvider(), 100);
        this.vault = store.createVault("outbound tests", "test");
        liveConfig.refresh();
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        this.server = new OutboundProxyServer(transport, liveConfig, upstreamClient, outboundCa,
                OutboundSettings.of(loopback, loopback, "proxy.test"));
        server.start();
    }

    static ProxyTestBed start(Path dataDir, String upstreamCaPem) {
        return new ProxyTestBed(dataDir, upstreamCaPem);
    }

    int port() {
        return server.plainAddress().getPort();
    }

    int tlsPort() {
        return server.tlsAddress().orElseThrow().getPort();
    }

    /** {@code <data-dir>/outbound-ca.pem}, as clients are told to trust it. */
    Path caFile() {
        return dataDir.resolve(OutboundCa.FILE_NAME);
    }

    Credential newCredential() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        AccessCredential stored = store.createCredential(vault.id(), "test client", sha256(password), "test");
        liveConfig.refresh();
        return new Credential(stored.id(), stored.username(), password);
    }

    /** Attaches an OUTBOUND certificate to the credential; returns its id. */
    String attach(Credential credential, IssuedCertificate issued) {
        String id = store.newCertificateId();
        X509Certificate leaf = issued.certificate();
        store.insertCertificate(new StoredCertificate(id, vault.id(), ProxyType.OUTBOUND, credential.id(), null,
                issued.subjectCn(), issued.chainPem(), sealer.sealPrivateKey(issued.privateKey(), id),
                leaf.getSubjectX500Principal().getName(), leaf.getIssuerX500Principal().getName(),
                HexFormat.of().withUpperCase().formatHex(leaf.getSerialNumber().toByteArray()),
                Pem.sha256Fingerprint(leaf), leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
                leaf.getPublicKey().getAlgorithm(), keySize(leaf), List.of(), issued.chain().size(), Instant.now()),
                "test");
        liveConfig.refresh();
        return id;
    }

    void deleteCertificate(String certificateId) {
        store.deleteCertificate(vault.id(), certificateId, "test");
        liveConfig.refresh();
    }

    void deleteCredential(Credential credential) {
        for (StoredCertificate certificate : store.listCertificates(vault.id())) {
            if (credential.id().equals(certificate.credentialId())) {
                store.deleteCertificate(vault.id(), certificate.id(), "test");
            }
        }
        store.deleteCredential(vault.id(), credential.id(), "test");
        liveConfig.refresh();
    }

    @Override
    public void close() {
        server.close();
        upstreamClient.close();
        outboundCa.close();
        transport.close();
        store.close();
    }

    private static int keySize(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (certificate.getPublicKey() instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return 256;
    }

    static byte[] sha256(String password) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        return AccessCredential.hashPassword(utf8, 0, utf8.length);
    }
}
