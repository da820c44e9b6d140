package io.gatehouse.cli;

import static java.util.Objects.requireNonNull;

import io.gatehouse.admin.AdminServer;
import io.gatehouse.admin.AdminSettings;
import io.gatehouse.admin.AdminToken;
import io.gatehouse.cert.CertificateIntake;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.secret.KeySealer;
import io.gatehouse.secret.MasterKey;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gatehouse node, assembled in dependency order: data directory, master key, admin token, store, live
 * configuration, admin API, proxies. {@link #close()} stops them in reverse order. The environment is passed in
 * (not read here) so that tests can run a node with their own.
 */
public final class GatehouseNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatehouseNode.class);

    private final ServeSettings settings;
    private final Map<String, String> environment;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile String outboundCaPem;
    private AdminServer admin;

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

    private void startAll() {
        Path dataDir = createDataDir(settings.dataDir().toAbsolutePath().normalize());
        MasterKey masterKey = MasterKey.load(env("GATEHOUSE_MASTER_KEY"), dataDir);
        AdminToken token = AdminToken.load(env("GATEHOUSE_ADMIN_TOKEN"), dataDir);
        GatehouseStore store = StoreFactory.open(settings.databaseUrl().orElse(null),
                settings.databaseUser().orElse(null), settings.databasePassword().orElse(null), dataDir);
        started.push(store);
        LiveConfig liveConfig = new LiveConfig(store);
        liveConfig.refresh();
        KeySealer sealer = new KeySealer(masterKey);
        Clock clock = Clock.systemUTC();
        HostPort adminAddress = settings.adminAddress();
        admin = new AdminServer(new AdminSettings(adminAddress.host(), adminAddress.port()), store, liveConfig,
                sealer, new CertificateIntake(clock), token, () -> outboundCaPem, clock);
        admin.start();
        started.push(admin);
        startProxies();
    }

    /**
     * The proxies' listeners. They are built separately; until they are wired here, this node serves the admin API
     * only and says so.
     */
    private void startProxies() {
        log.info("Inbound HTTP proxy on {} not yet available in this build", settings.inboundHttpAddress());
        log.info("Inbound HTTPS proxy on {} not yet available in this build", settings.inboundHttpsAddress());
        log.info("Outbound proxy on {} not yet available in this build", settings.outboundAddress());
        log.info("Outbound TLS proxy on {} not yet available in this build", settings.outboundTlsAddress());
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
