package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.admin.JsonViews.CredentialView;
import io.gatehouse.admin.JsonViews.Items;
import io.gatehouse.config.LiveConfig;
import io.gatehouse.store.AccessCredential;
import io.gatehouse.store.GatehouseStore;
import io.gatehouse.store.Vault;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * Access credentials of a vault. The password is generated here (32 letters and digits, about 190 bits), shown in
 * the creation answer only, and stored as its SHA-256.
 *
 * <pre>{@code
 * curl -H "Authorization: Bearer $TOKEN" -d '{"description":"billing"}' \
 *      http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/credentials
 * curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/credentials
 * curl -H "Authorization: Bearer $TOKEN" -X DELETE \
 *      http://127.0.0.1:9090/api/v1/vaults/tntab12cd34/credentials/crd123
 * }</pre>
 */
final class CredentialEndpoints {
    static final int PASSWORD_LENGTH = 32;
    static final int MAX_DESCRIPTION_LENGTH = 1024;

    private final GatehouseStore store;
    private final LiveConfig liveConfig;
    private final ObjectMapper mapper;

    CredentialEndpoints(GatehouseStore store, LiveConfig liveConfig, ObjectMapper mapper) {
        this.store = requireNonNull(store, "store");
        this.liveConfig = requireNonNull(liveConfig, "liveConfig");
        this.mapper = requireNonNull(mapper, "mapper");
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/vaults/{vaultId}/credentials", this::create);
        routes.get("/api/v1/vaults/{vaultId}/credentials", this::list);
        routes.delete("/api/v1/vaults/{vaultId}/credentials/{id}", this::delete);
    }

    /** A description field: optional, bounded. */
    static String description(JsonRequest request) {
        String description = request.optionalString("description").map(String::strip).orElse(null);
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw ApiException.invalidRequest("Field 'description' is longer than " + MAX_DESCRIPTION_LENGTH
                    + " characters");
        }
        return description == null || description.isEmpty() ? null : description;
    }

    private void create(Context ctx) {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        String description = description(JsonRequest.read(ctx, mapper));
        String password = RandomText.alphanumeric(PASSWORD_LENGTH);
        AccessCredential credential = store.createCredential(vault.id(), description, hashOf(password),
                VaultEndpoints.ACTOR);
        liveConfig.refresh();
        ctx.status(201).json(CredentialView.created(credential, password));
    }

    private void list(Context ctx) {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        ctx.json(new Items<>(store.listCredentials(vault.id()).stream().map(CredentialView::of).toList()));
    }

    private void delete(Context ctx) {
        Vault vault = VaultEndpoints.requireVault(store, ctx);
        String id = ctx.pathParam("id");
        if (!store.deleteCredential(vault.id(), id, VaultEndpoints.ACTOR)) {
            throw ApiException.notFound("UNKNOWN_CREDENTIAL", "Vault " + vault.id() + " has no credential " + id);
        }
        liveConfig.refresh();
        ctx.status(204);
    }

    private static byte[] hashOf(String password) {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        return AccessCredential.hashPassword(utf8, 0, utf8.length);
    }
}
