package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.admin.JsonViews.Items;
import io.gatehouse.admin.JsonViews.RouteView;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.Route;
import io.gatehouse.store.Vault;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Inbound routes of a vault. {@code PUT} replaces a route's fields whole, with the same rules as creation.
 *
 * <pre>{@code
 * curl -H "Authorization: Bearer $TOKEN" -d '{"upstream":"https://api.example.com","pathPrefix":"/pay"}' \
 *      http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/routes
 * curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/routes/rte123
 * curl -H "Authorization: Bearer $TOKEN" -X PUT -d '{"upstream":"https://api2.example.com"}' \
 *      http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/routes/rte123
 * curl -H "Authorization: Bearer $TOKEN" -X DELETE http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/routes/rte123
 * }</pre>
 */
final class RouteEndpoints {
    private final GatehouseStore store;
    private final LiveConfig liveConfig;
    private final ObjectMapper mapper;

    RouteEndpoints(GatehouseStore store, LiveConfig liveConfig, ObjectMapper mapper) {
        this.store = requireNonNull(store, "store");
        this.liveConfig = requireNonNull(liveConfig, "liveConfig");
        this.mapper = requireNonNull(mapper, "mapper");
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/vaults/{vaultId}/routes", this::create);
        routes.get("/api/v1/vaults/{vaultId}/routes", this::list);
        routes.get("/api/v1/vaults/{vaultId}/routes/{id}", this::show);
        routes.put("/api/v1/vaults/{vaultId}/routes/{id}", this::update);
        routes.delete("/api/v1/vaults/{vaultId}/routes/{id}", this::delete);
    }

    private void create(Context ctx) {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        RouteInput input = RouteInput.from(JsonRequest.read(ctx, mapper));
        Route route = store.createRoute(vault.id(), input.pathPrefix(), input.upstream(), input.description(),
                input.upstreamCaPem(), VaultEndpoints.ACTOR);
        liveConfig.refresh();
        ctx.status(201).json(RouteView.of(route));
    }

    private void list(Context ctx) {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        ctx.json(new Items<>(store.listRoutes(vault.id()).stream().map(RouteView::of).toList()));
    }

    private void show(Context ctx) {
        ctx.json(RouteView.of(requireRoute(ctx)));
    }

    private void update(Context ctx) {
        Route existing = requireRoute(ctx);
        RouteInput input = RouteInput.from(JsonRequest.read(ctx, mapper));
        Route changed = new Route(existing.id(), existing.vaultId(), input.pathPrefix(), input.upstream(),
                input.description(), input.upstreamCaPem(), existing.createdAt());
        Route updated = store.updateRoute(changed, VaultEndpoints.ACTOR).orElseThrow(() -> unknownRoute(existing));
        liveConfig.refresh();
        ctx.json(RouteView.of(updated));
    }

    private void delete(Context ctx) {
        Route route = requireRoute(ctx);
        if (!store.deleteRoute(route.vaultId(), route.id(), VaultEndpoints.ACTOR)) {
            throw unknownRoute(route);
        }
        liveConfig.refresh();
        ctx.status(204);
    }

    private Route requireRoute(Context ctx) {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        String id = ctx.pathParam("id");
        return store.findRoute(vault.id(), id).orElseThrow(() -> ApiException.notFound("UNKNOWN_ROUTE",
                "Vault " + vault.id() + " has no route " + id));
    }

    private static ApiException unknownRoute(Route route) {
        return ApiException.notFound("UNKNOWN_ROUTE", "Vault " + route.vaultId() + " has no route " + route.id());
    }
}
