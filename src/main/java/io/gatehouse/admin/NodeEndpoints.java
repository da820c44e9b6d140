package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import io.gatehouse.admin.JsonViews.Health;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.config.NodeHealth;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.StoreUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * What a node tells about itself: its health with the configuration version it serves, and the outbound CA
 * certificate that clients of the outbound proxy must trust. Neither needs the admin token.
 *
 * <pre>{@code
 * curl http://127.0.0.1:9090/healthz
 * curl -o gatehouse-outbound-ca.pem http://127.0.0.1:9090/api/v1/outbound-ca.pem
 * }</pre>
 */
final class NodeEndpoints {
    private final Supplier<NodeHealth> health;
    private final Supplier<String> outboundCaPem;

    NodeEndpoints(Supplier<NodeHealth> health, Supplier<String> outboundCaPem) {
        this.health = requireNonNull(health, "health");
        this.outboundCaPem = requireNonNull(outboundCaPem, "outboundCaPem");
    }

    /** Health read from the store on each call, for a node that runs no {@code ConfigFollower}. */
    static Supplier<NodeHealth> probing(GatehouseStore store, LiveConfig liveConfig) {
        return () -> {
            long served = liveConfig.current().version();
            try {
                store.configVersion();
                return NodeHealth.ok(served);
            } catch (StoreUnavailableException e) {
                return NodeHealth.degraded(served, "store unavailable: the database cannot be reached");
            }
        };
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", this::health);
        routes.get(BearerAuth.PUBLIC_PATH, this::outboundCa);
    }

    private void health(Context ctx) {
        // Always 200, degraded or not: the node proxies with its last configuration, so it must stay in its load
        // balancer.
        NodeHealth now = health.get();
        ctx.json(new Health(now.status(), now.configVersion(), now.reason()));
    }

    private void outboundCa(Context ctx) {
        String pem = outboundCaPem.get();
        if (pem == null || pem.isBlank()) {
            throw new ApiException(503, "OUTBOUND_CA_UNAVAILABLE",
                    "The outbound CA is not made yet; it is created when the outbound proxy starts");
        }
        ctx.contentType("application/x-pem-file").result(pem);
    }
}
