package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gatehouse.cert.CertificateIntake;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.config.NodeHealth;
import io.gatehouse.secret.KeySealer;
import io.gatehouse.store.GatehouseStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API of one node: JSON over HTTP on Javalin, every {@code /api/} call behind the admin token (except the
 * outbound CA download) or a dashboard session (see {@link Dashboard}, served at {@code /}), every write followed
 * by a configuration refresh before it is answered, so that once a change has been answered this node serves it.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final AdminSettings settings;
    private final Javalin app;
    private volatile boolean started;

    public AdminServer(AdminSettings settings, GatehouseStore store, LiveConfig liveConfig, KeySealer sealer,
                       CertificateIntake intake, AdminToken token, Supplier<String> outboundCaPem, Clock clock) {
        this(settings, store, liveConfig, sealer, intake, token, outboundCaPem, clock,
                NodeEndpoints.probing(store, liveConfig));
    }

    /**
     * As above, with {@code /healthz} answered from {@code health} (a node's {@code ConfigFollower}), which knows
     * whether the store answers without making the health check wait for it.
     */
    public AdminServer(AdminSettings settings, GatehouseStore store, LiveConfig liveConfig, KeySealer sealer,
                       CertificateIntake intake, AdminToken token, Supplier<String> outboundCaPem, Clock clock,
                       Supplier<NodeHealth> health) {
        this.settings = requireNonNull(settings, "settings");
        requireNonNull(store, "store");
        requireNonNull(liveConfig, "liveConfig");
        requireNonNull(token, "token");
        ObjectMapper mapper = objectMapper();
        CertificateUpload upload = new CertificateUpload(store, requireNonNull(intake, "intake"));
        Dashboard dashboard = new Dashboard(token::matches, clock);
        BearerAuth bearer = new BearerAuth(token);
        this.app = Javalin.create(config -> {
            configure(config, mapper);
            config.routes.before("/api/*", ctx -> JsonRequest.rejectAnnouncedOversize(ctx));
            config.routes.before("/api/*", ctx -> {
                if (!dashboard.admitsBySession(ctx)) {
                    bearer.handle(ctx);
                }
            });
            new VaultEndpoints(store, liveConfig, mapper).register(config.routes);
            new CredentialEndpoints(store, liveConfig, mapper).register(config.routes);
            new RouteEndpoints(store, liveConfig, mapper).register(config.routes);
            new CertificateEndpoints(store, liveConfig, sealer, upload, mapper, clock).register(config.routes);
            new NodeEndpoints(requireNonNull(health, "health"), outboundCaPem).register(config.routes);
            dashboard.install(config);
            ApiErrors.register(config.routes);
        });
    }

    /** The JSON mapping of the API: camelCase fields, ISO-8601 UTC times. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public AdminServer start() {
        app.start();
        started = true;
        log.info("Admin API listening on http://{}:{}", settings.host(), port());
        return this;
    }

    /** The bound port, useful when the settings asked for port 0. */
    public int port() {
        return app.port();
    }

    /** Stops the admin API; one that was built but never started (a node whose start failed) has nothing to stop. */
    @Override
    public void close() {
        if (!started) {
            return;
        }
        app.stop();
        log.info("Admin API stopped");
    }

    private void configure(JavalinConfig config, ObjectMapper mapper) {
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.jetty.host = settings.host();
        config.jetty.port = settings.port();
        config.http.maxRequestSize = JsonRequest.MAX_BODY_BYTES;
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
    }
}
