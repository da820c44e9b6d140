package io.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.cli.CliContext.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse credentials}: access credentials of a vault. The password is printed once, at creation. */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Create, list, show and delete access credentials of a vault.")
final class CredentialsCommand {
    private final CliContext context;

    CredentialsCommand(CliContext context) {
        this.context = context;
    }

    @Command(name = "create", description = "Create an access credential; its password is shown this once.")
    int create(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
               @Option(names = "--description") String description) {
        Session session = context.session(options);
        ObjectNode body = session.client().mapper().createObjectNode();
        if (description != null) {
            body.put("description", description);
        }
        session.output().resource(session.client().post(path(vault), body));
        session.output().line("The password is shown only now; store it where your service reads it.");
        return 0;
    }

    @Command(name = "list", description = "List a vault's access credentials.")
    int list(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault) {
        Session session = context.session(options);
        session.output().table(session.client().get(path(vault)), "id", "username", "description", "createdAt");
        return 0;
    }

    @Command(name = "show", description = "Show one access credential.")
    int show(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
             @Parameters(paramLabel = "CREDENTIAL_ID") String id) {
        Session session = context.session(options);
        JsonNode list = session.client().get(path(vault));
        session.output().resource(Lookup.item(list, id, "UNKNOWN_CREDENTIAL"));
        return 0;
    }

    @Command(name = "delete", description = "Delete an access credential (refused while certificates are attached).")
    int delete(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
               @Parameters(paramLabel = "CREDENTIAL_ID") String id) {
        Session session = context.session(options);
        session.client().delete(path(vault) + "/" + Lookup.segment(id));
        session.output().line("Deleted credential " + id);
        return 0;
    }

    private static String path(String vault) {
        return "/api/v1/vaults/" + Lookup.segment(vault) + "/credentials";
    }
}
