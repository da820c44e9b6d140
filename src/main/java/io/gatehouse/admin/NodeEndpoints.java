package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import io.gatehouse.admin.JsonViews.Health;
import io.gatehouse.config.LiveConfig;
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
    private final GatehouseStore store;
    private final LiveConfig liveConfig;
    private final Supplier<String> outboundCaPem;

    NodeEndpoints(GatehouseStore store, LiveConfig liveConfig, Supplier<String> outboundCaPem) {
        this.store = requireNonNull(store, "store");
        this.liveConfig = requireNonNull(liveConfig, "liveConfig");
        this.outboundCaPem = requireNonNull(outboundCaPem, "outboundCaPem");
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", this::health);
        routes.get(BearerAuth.PUBLIC_PATH, this::outboundCa);
    }

    private void health(Context ctx) {
        long served = liveConfig.current().version();
        try {
            store.configVersion();
            ctx.json(new Health("ok", served, null));
        } catch (StoreUnavailableException e) {
            // Still 200: the node proxies with its last configuration, so it must stay in its load balancer.
            ctx.json(new Health("degraded", served, "store unavailable: the database cannot be reached"));
        }
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
