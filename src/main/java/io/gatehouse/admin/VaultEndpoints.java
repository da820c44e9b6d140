package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.admin.JsonViews.AuditView;
import io.gatehouse.admin.JsonViews.Items;
import io.gatehouse.admin.JsonViews.VaultView;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.Vault;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Vaults and their audit logs.
 *
 * <pre>{@code
 * curl -H "Authorization: Bearer $TOKEN" -d '{"name":"payments"}' http://127.0.0.1:9090/api/v1/vaults
 * curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:9090/api/v1/vaults
 * curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/audit
 * }</pre>
 */
final class VaultEndpoints {
    static final String ACTOR = "admin-api";
    private static final int MAX_NAME_LENGTH = 200;

    private final GatehouseStore store;
    private final LiveConfig liveConfig;
    private final ObjectMapper mapper;

    VaultEndpoints(GatehouseStore store, LiveConfig liveConfig, ObjectMapper mapper) {
        this.store = requireNonNull(store, "store");
        this.liveConfig = requireNonNull(liveConfig, "liveConfig");
        this.mapper = requireNonNull(mapper, "mapper");
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/vaults", this::create);
        routes.get("/api/v1/vaults", this::list);
        routes.get("/api/v1/vaults/{vaultId}/audit", this::audit);
    }

    /** The vault of the path, or a 404 {@code UNKNOWN_VAULT}. */
    static Vault requireVault(GatehouseStore store, Context ctx) {
        String vaultId = ctx.pathParam("vaultId");
        return store.findVault(vaultId).orElseThrow(() -> ApiException.notFound("UNKNOWN_VAULT",
                "There is no vault " + vaultId + "; list them with GET /api/v1/vaults"));
    }

    private void create(Context ctx) {
        String name = JsonRequest.read(ctx, mapper).requiredString("name").strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiException.invalidRequest("Field 'name' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        Vault vault = store.createVault(name, ACTOR);
        liveConfig.refresh();
        ctx.status(201).json(VaultView.of(vault));
    }

    private void list(Context ctx) {
        ctx.json(new Items<>(store.listVaults().stream().map(VaultView::of).toList()));
    }

    private void audit(Context ctx) {
        Vault vault = requireVault(store, ctx);
        ctx.json(new Items<>(store.listAudit(vault.id()).stream().map(AuditView::of).toList()));
    }
}
