package io.gatehouse.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.cli.CliContext.Session;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gatehouse certs}: certificates of a vault. {@code add} reads the certificate and key from files (or a
 * PKCS#12 bundle) and the passphrase from a file, so that none of them shows in the process list.
 */
@Command(name = "certs", mixinStandardHelpOptions = true,
        description = "Add, list, show and delete certificates of a vault.")
final class CertsCommand {
    private static final String[] COLUMNS = {"id", "proxyType", "credentialId", "routeId", "description", "status",
        "inUse", "notAfter"};

    private final CliContext context;

    CertsCommand(CliContext context) {
        this.context = context;
    }

    @Command(name = "add", description = "Upload a certificate and its private key, attached to an access credential "
            + "(OUTBOUND) or a route (INBOUND).")
    int add(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
            @Option(names = "--credential", description = "Attach to this access credential (outbound).")
            String credential,
            @Option(names = "--route", description = "Attach to this route (inbound).") String route,
            @Option(names = "--cert", description = "PEM certificate file, leaf first.") String cert,
            @Option(names = "--key", description = "PEM private key file.") String key,
            @Option(names = "--pkcs12", description = "PKCS#12 file instead of --cert and --key.") String pkcs12,
            @Option(names = "--passphrase-file", description = "File holding the key's or bundle's passphrase.")
            String passphraseFile,
            @Option(names = "--description") String description) {
        if ((credential == null) == (route == null)) {
            throw new UsageException("Give exactly one of --credential (outbound) and --route (inbound)");
        }
        if (pkcs12 == null && (cert == null || key == null) || pkcs12 != null && (cert != null || key != null)) {
            throw new UsageException("Give --cert and --key, or --pkcs12 alone");
        }
        Session session = context.session(options);
        ObjectNode body = session.client().mapper().createObjectNode();
        body.put("proxyType", credential != null ? "OUTBOUND" : "INBOUND");
        body.put(credential != null ? "credentialId" : "routeId", credential != null ? credential : route);
        if (pkcs12 != null) {
            body.put("pkcs12", Base64.getEncoder().encodeToString(InputFiles.bytes("--pkcs12", pkcs12)));
        } else {
            body.put("certificate", InputFiles.text("--cert", cert));
            body.put("privateKey", InputFiles.text("--key", key));
        }
        if (passphraseFile != null) {
            body.put("passphrase", InputFiles.text("--passphrase-file", passphraseFile).replaceAll("[\r\n]+$", ""));
        }
        if (description != null) {
            body.put("description", description);
        }
        session.output().resource(session.client().post(path(vault), body));
        return 0;
    }

    @Command(name = "list", description = "List a vault's certificates.")
    int list(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault) {
        Session session = context.session(options);
        session.output().table(session.client().get(path(vault)), COLUMNS);
        return 0;
    }

    @Command(name = "show", description = "Show one certificate.")
    int show(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
             @Parameters(paramLabel = "CERTIFICATE_ID") String id) {
        Session session = context.session(options);
        session.output().resource(session.client().get(path(vault) + "/" + Lookup.segment(id)));
        return 0;
    }

    @Command(name = "delete", description = "Delete a certificate; no new request or upstream handshake uses it "
            + "once this returns.")
    int delete(@Mixin ClientOptions options, @Option(names = "--vault", required = true) String vault,
               @Parameters(paramLabel = "CERTIFICATE_ID") String id) {
        Session session = context.session(options);
        session.client().delete(path(vault) + "/" + Lookup.segment(id));
        session.output().line("Deleted certificate " + id);
        return 0;
    }

    private static String path(String vault) {
        return "/api/v1/vaults/" + Lookup.segment(vault) + "/certificates";
    }
}
