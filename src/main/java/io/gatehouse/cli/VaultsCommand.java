package io.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.cli.CliContext.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gatehouse vaults}: create, list and show vaults, and read a vault's audit log. */
@Command(name = "vaults", mixinStandardHelpOptions = true, description = "Create, list and show vaults.")
final class VaultsCommand {
    private final CliContext context;

    VaultsCommand(CliContext context) {
        this.context = context;
    }

    @Command(name = "create", description = "Create a vault.")
    int create(@Mixin ClientOptions options, @Parameters(paramLabel = "NAME", description = "Its name.") String name) {
        Session session = context.session(options);
        JsonNode body = session.client().mapper().createObjectNode().put("name", name);
        session.output().resource(session.client().post("/api/v1/vaults", body));
        return 0;
    }

    @Command(name = "list", description = "List the vaults.")
    int list(@Mixin ClientOptions options) {
        Session session = context.session(options);
        session.output().table(session.client().get("/api/v1/vaults"), "id", "name", "createdAt");
        return 0;
    }

    @Command(name = "show", description = "Show one vault.")
    int show(@Mixin ClientOptions options, @Parameters(paramLabel = "VAULT_ID") String vaultId) {
        Session session = context.session(options);
        session.output().resource(Lookup.item(session.client().get("/api/v1/vaults"), vaultId, "UNKNOWN_VAULT"));
        return 0;
    }

    @Command(name = "audit", description = "Show a vault's audit log.")
    int audit(@Mixin ClientOptions options, @Parameters(paramLabel = "VAULT_ID") String vaultId) {
        Session session = context.session(options);
        session.output().table(session.client().get("/api/v1/vaults/" + Lookup.segment(vaultId) + "/audit"),
                "sequence", "at", "actor", "action", "objectType", "objectId");
        return 0;
    }
}
