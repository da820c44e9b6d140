package io.gatehouse.cli;

import static io.gatehouse.cli.ServeSettings.optional;
import static io.gatehouse.cli.ServeSettings.readableFile;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatehouse serve}: runs a node until SIGTERM or Ctrl-C. Every flag also reads {@code GATEHOUSE_<FLAG>}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run a Gatehouse node: the admin API and the proxies.",
                "Every flag also reads the environment variable GATEHOUSE_ + the flag in upper snake case "
                        + "(--admin-address is GATEHOUSE_ADMIN_ADDRESS); a flag wins over the environment.",
                "GATEHOUSE_MASTER_KEY and GATEHOUSE_ADMIN_TOKEN, when set, replace <data-dir>/master.key and "
                        + "<data-dir>/admin-token."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--admin-address", defaultValue = "127.0.0.1:9090", description = "Admin API and dashboard "
            + "(default: ${DEFAULT-VALUE}).")
    String adminAddress;
    @Option(names = "--inbound-http-address", defaultValue = "127.0.0.1:8080",
            description = "Inbound proxy, plain HTTP (default: ${DEFAULT-VALUE}).")
    String inboundHttpAddress;
    @Option(names = "--inbound-https-address", defaultValue = "127.0.0.1:8443",
            description = "Inbound proxy, HTTPS (default: ${DEFAULT-VALUE}).")
    String inboundHttpsAddress;
    @Option(names = "--outbound-address", defaultValue = "127.0.0.1:3128",
            description = "Outbound proxy, plain HTTP to the proxy (default: ${DEFAULT-VALUE}).")
    String outboundAddress;
    @Option(names = "--outbound-tls-address", defaultValue = "127.0.0.1:3129",
            description = "Outbound proxy, TLS to the proxy (default: ${DEFAULT-VALUE}).")
    String outboundTlsAddress;
    @Option(names = "--outbound-tls-hostname", description = "Extra name in the TLS outbound listener's "
            + "certificate (besides localhost and the listener's IP).")
    String outboundTlsHostname;
    @Option(names = "--inbound-domain", defaultValue = "localhost",
            description = "Inbound requests go to <vaultId>.<domain> (default: ${DEFAULT-VALUE}).")
    String inboundDomain;
    @Option(names = "--inbound-tls-cert", description = "PEM certificate of the inbound HTTPS listener.")
    String inboundTlsCert;
    @Option(names = "--inbound-tls-key", description = "PEM private key of the inbound HTTPS listener.")
    String inboundTlsKey;
    @Option(names = "--data-dir", defaultValue = "./gatehouse-data",
            description = "Data directory: embedded store, master.key, admin-token (default: ${DEFAULT-VALUE}).")
    String dataDir;
    @Option(names = "--database-url", description = "jdbc:postgresql://... for several nodes; default: the "
            + "embedded store in the data directory.")
    String databaseUrl;
    @Option(names = "--database-user", description = "Database user.")
    String databaseUser;
    @Option(names = "--database-password", description = "Database password; prefer GATEHOUSE_DATABASE_PASSWORD, "
            + "which keeps it out of the process list.")
    String databasePassword;
    @Option(names = "--upstream-ca", description = "PEM file of extra CA certificates that upstream servers may "
            + "chain to, besides the JVM's default trust store.")
    String upstreamCa;

    private final Map<String, String> environment;

    public ServeCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The validated settings; a wrong value is a usage error naming the setting, the value and what was expected. */
    public ServeSettings settings() {
        try {
            return new ServeSettings(
                    HostPort.parse("--admin-address", adminAddress),
                    HostPort.parse("--inbound-http-address", inboundHttpAddress),
                    HostPort.parse("--inbound-https-address", inboundHttpsAddress),
                    HostPort.parse("--outbound-address", outboundAddress),
                    HostPort.parse("--outbound-tls-address", outboundTlsAddress),
                    optional(outboundTlsHostname), inboundDomain.strip(),
                    readableFile("--inbound-tls-cert", inboundTlsCert),
                    readableFile("--inbound-tls-key", inboundTlsKey),
                    ServeSettings.directory("--data-dir", dataDir),
                    optional(databaseUrl), optional(databaseUser), optional(databasePassword),
                    readableFile("--upstream-ca", upstreamCa));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ServeSettings settings = settings();
        CountDownLatch stopped = new CountDownLatch(1);
        GatehouseNode node = GatehouseNode.start(settings, environment);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down");
            node.close();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        stopped.await();
        return 0;
    }
}
