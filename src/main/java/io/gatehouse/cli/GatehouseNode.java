package io.gatehouse.cli;

import static java.util.Objects.requireNonNull;

import io.gatehouse.admin.AdminServer;
import io.gatehouse.admin.AdminSettings;
import io.gatehouse.admin.AdminToken;
import io.gatehouse.cert.CertificateIntake;
import io.gatehouse.config.ConfigFollower;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.inbound.InboundProxyServer;
import io.gatehouse.inbound.InboundSettings;
import io.gatehouse.outbound.OutboundCa;
import io.gatehouse.outbound.OutboundProxyServer;
import io.gatehouse.outbound.OutboundSettings;
import io.gatehouse.secret.KeySealer;
import io.gatehouse.secret.MasterKey;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreFactory;
import io.gatehouse.upstream.NettyTransport;
import io.gatehouse.upstream.UpstreamClient;
import io.gatehouse.upstream.UpstreamSettings;
import io.netty.handler.ssl.util.BouncyCastleUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gatehouse node, assembled in dependency order: data directory, master key, admin token, store, live
 * configuration, proxies, admin API; steps that do not depend on each other (the store and the native transport,
 * the master key, the admin API's routes) run side by side. {@link #close()} stops them in reverse order. The
 * environment is passed in (not read here) so that tests can run a node with their own.
 */
public final class GatehouseNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatehouseNode.class);
    private static final int OUTBOUND_LEAF_CACHE_SIZE = 10_000;

    private final ServeSettings settings;
    private final Map<String, String> environment;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile String outboundCaPem;
    private AdminServer admin;
    private OutboundProxyServer outbound;
    private InboundProxyServer inbound;

    private GatehouseNode(ServeSettings settings, Map<String, String> environment) {
        this.settings = requireNonNull(settings, "settings");
        this.environment = Map.copyOf(requireNonNull(environment, "environment"));
    }

    /** Starts a node; when a step fails, whatever already started is closed and the failure is thrown. */
    public static GatehouseNode start(ServeSettings settings, Map<String, String> environment) {
        GatehouseNode node = new GatehouseNode(settings, environment);
        try {
            node.startAll();
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** The admin API's bound port. */
    public int adminPort() {
        return admin.port();
    }

    /** The outbound proxy's plain listener (its real port when 0 was asked for). */
    public InetSocketAddress outboundAddress() {
        return outbound.plainAddress();
    }

    /** The outbound proxy's TLS listener. */
    public InetSocketAddress outboundTlsAddress() {
        return outbound.tlsAddress().orElseThrow();
    }

    /** The inbound proxy's plain HTTP listener. */
    public InetSocketAddress inboundHttpAddress() {
        return inbound.httpAddress();
    }

    /** The inbound proxy's HTTPS listener. */
    public InetSocketAddress inboundHttpsAddress() {
        return inbound.httpsAddress();
    }

    private void startAll() {
        Path dataDir = createDataDir(settings.dataDir().toAbsolutePath().normalize());
        try (StartupSteps steps = new StartupSteps()) {
            // Loading epoll, BoringSSL and Tink is independent of the store; they load while Flyway migrates.
            CompletableFuture<NettyTransport> transport = steps.run(() -> NettyTransport.create(0));
            CompletableFuture<KeySealer> sealer = steps.run(
                    () -> new KeySealer(MasterKey.load(env("GATEHOUSE_MASTER_KEY"), dataDir)));
            // Netty sets up its Bouncy Castle provider (hundreds of classes) when the first listener reads its
            // key; done here, that happens off the path to the first listener.
            steps.run(BouncyCastleUtil::getBcProviderJce);
            AdminToken token = AdminToken.load(env("GATEHOUSE_ADMIN_TOKEN"), dataDir);
            GatehouseStore store = started(StoreFactory.open(settings.databaseUrl().orElse(null),
                    settings.databaseUser().orElse(null), settings.databasePassword().orElse(null), dataDir));
            LiveConfig liveConfig = new LiveConfig(store);
            liveConfig.refresh();
            ConfigFollower follower = started(new ConfigFollower(store, liveConfig, Duration.ofSeconds(1)).start());
            // The admin API is built (not started) while the proxies start.
            CompletableFuture<AdminServer> adminApp = steps.then(sealer, keySealer -> adminServer(store,
                    liveConfig, keySealer, token, follower));
            startProxies(steps, started(steps.take(transport)), store, liveConfig, steps.take(sealer), dataDir);
            admin = steps.take(adminApp);
            admin.start();
            started.push(admin);
        }
    }

    private AdminServer adminServer(GatehouseStore store, LiveConfig liveConfig, KeySealer sealer, AdminToken token,
                                    ConfigFollower follower) {
        Clock clock = Clock.systemUTC();
        HostPort adminAddress = settings.adminAddress();
        return new AdminServer(new AdminSettings(adminAddress.host(), adminAddress.port()), store, liveConfig,
                sealer, new CertificateIntake(clock), token, () -> outboundCaPem, clock, follower::health);
    }

    /**
     * The proxies and the upstream side they share. They start before the admin API, so a node whose admin API
     * answers is a node that proxies. The outbound CA is loaded (or made) while the inbound proxy starts.
     */
    private void startProxies(StartupSteps steps, NettyTransport transport, GatehouseStore store,
                              LiveConfig liveConfig, KeySealer sealer, Path dataDir) {
        log.info("Proxies use {}", transport.describe());
        CompletableFuture<OutboundCa> outboundCa = steps.run(() -> OutboundCa.loadOrCreate(store, sealer, dataDir,
                transport.sslProvider(), OUTBOUND_LEAF_CACHE_SIZE));
        UpstreamClient upstream = started(new UpstreamClient(transport, sealer,
                UpstreamSettings.defaults().withUpstreamCaPem(readUpstreamCa())));
        // Drains pooled connections and TLS contexts of deleted certificates before a change is acknowledged. The
        // upstream client learns the certificates of the snapshot already applied too, so that deleting one it
        // has not yet used is also seen as a deletion.
        liveConfig.onChange(snapshot -> upstream.retainCertificates(snapshot.certificateIds()));
        upstream.retainCertificates(liveConfig.current().certificateIds());
        InboundSettings inboundSettings = InboundSettings.defaults(dataDir)
                .withAddresses(socketAddress(settings.inboundHttpAddress()),
                        socketAddress(settings.inboundHttpsAddress()))
                .withInboundDomain(settings.inboundDomain())
                .withTlsFiles(settings.inboundTlsCert().orElse(null), settings.inboundTlsKey().orElse(null));
        inbound = started(new InboundProxyServer(transport, liveConfig, upstream, inboundSettings));
        inbound.start();
        OutboundCa ca = started(steps.take(outboundCa));
        outboundCaPem = ca.certificatePem();
        outbound = started(new OutboundProxyServer(transport, liveConfig, upstream, ca,
                OutboundSettings.of(socketAddress(settings.outboundAddress()),
                        socketAddress(settings.outboundTlsAddress()), settings.outboundTlsHostname().orElse(null))));
        outbound.start();
    }

    private <T extends AutoCloseable> T started(T component) {
        started.push(component);
        return component;
    }

    private String readUpstreamCa() {
        if (settings.upstreamCa().isEmpty()) {
            return null;
        }
        Path file = settings.upstreamCa().get();
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read --upstream-ca " + file, e);
        }
    }

    private static InetSocketAddress socketAddress(HostPort address) {
        return new InetSocketAddress(address.host(), address.port());
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", component.getClass().getSimpleName(), e.getClass().getName());
            }
        }
        log.info("Gatehouse node stopped");
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name));
    }

    private static Path createDataDir(Path dataDir) {
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                log.info("Data directory {} created (mode 0700)", dataDir);
            }
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
    }
}
