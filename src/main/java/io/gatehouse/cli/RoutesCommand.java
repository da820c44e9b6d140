package io.gatehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.cli.CliContext.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse routes}: inbound routes of a vault. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "Create, list, show, update and delete inbound routes of a vault.")
final class RoutesCommand {
    private static final String[] COLUMNS = {"id", "pathPrefix", "upstream", "hasUpstreamCa", "description"};

    private final CliContext context;

    RoutesCommand(CliContext context) {
        this.context = context;
    }

    @Command(name = "create", description = "Create a route.")
    int create(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
               @Option(names = "--upstream", required = true, description = "https://host[:port]") String upstream,
               @Option(names = "--path-prefix", description = "Default: /") String pathPrefix,
               @Option(names = "--description") String description,
               @Option(names = "--upstream-ca", description = "PEM file of CA certificates for this upstream.")
               String upstreamCa) {
        Session session = context.session(options);
        ObjectNode body = session.client().mapper().createObjectNode().put("upstream", upstream);
        putIfGiven(body, "pathPrefix", pathPrefix);
        putIfGiven(body, "description", description);
        putIfGiven(body, "upstreamCaPem", upstreamCa == null ? null : InputFiles.text("--upstream-ca", upstreamCa));
        session.output().resource(session.client().post(path(vault), body));
        return 0;
    }

    @Command(name = "update", description = "Change a route; options not given keep their value "
            + "(its CA certificates are kept unless --upstream-ca is given).")
    int update(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
               @Parameters(paramLabel = "ROUTE_ID") String id,
               @Option(names = "--upstream") String upstream, @Option(names = "--path-prefix") String pathPrefix,
               @Option(names = "--description") String description,
               @Option(names = "--upstream-ca") String upstreamCa) {
        Session session = context.session(options);
        String routePath = path(vault) + "/" + Lookup.segment(id);
        JsonNode current = session.client().get(routePath);
        if (current.path("hasUpstreamCa").asBoolean() && upstreamCa == null) {
            throw new UsageException("Route " + id + " has its own CA certificates, which the API does not show; "
                    + "give them again with --upstream-ca FILE");
        }
        ObjectNode body = session.client().mapper().createObjectNode()
                .put("upstream", upstream != null ? upstream : current.path("upstream").asText())
                .put("pathPrefix", pathPrefix != null ? pathPrefix : current.path("pathPrefix").asText());
        putIfGiven(body, "description", description != null ? description : current.path("description").textValue());
        putIfGiven(body, "upstreamCaPem", upstreamCa == null ? null : InputFiles.text("--upstream-ca", upstreamCa));
        session.output().resource(session.client().put(routePath, body));
        return 0;
    }

    @Command(name = "list", description = "List a vault's routes.")
    int list(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault) {
        Session session = context.session(options);
        session.output().table(session.client().get(path(vault)), COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show one route.")
    int show(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
             @Parameters(paramLabel = "ROUTE_ID") String id) {
        Session session = context.session(options);
        session.output().resource(session.client().get(path(vault) + "/" + Lookup.segment(id)));
        return 0;
    }

    @Command(name = "delete", description = "Delete a route (refused while certificates are attached).")
    int delete(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
               @Parameters(paramLabel = "ROUTE_ID") String id) {
        Session session = context.session(options);
        session.client().delete(path(vault) + "/" + Lookup.segment(id));
        session.output().line("Deleted route " + id);
        return 0;
    }

    private static void putIfGiven(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static String path(String vault) {
        return "/api/v1/vaults/" + Lookup.segment(vault) + "/routes";
    }
}
