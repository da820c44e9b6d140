package io.gatehouse.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the gatehouse jar: {@code serve} runs a node; {@code vaults}, {@code credentials}, {@code routes}
 * and {@code certs} talk to a running node's admin API.
 */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "Gatehouse: a self-hosted mTLS proxy vault.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:The admin API refused the call (its message is printed to stderr), or the node failed.",
            "2:Usage error: unknown command or option, or an invalid setting.",
            "3:The admin API cannot be reached."})
public final class Main {
    static final int API_ERROR = 1;
    static final int USAGE_ERROR = 2;
    static final int UNREACHABLE = 3;

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err));
    }

    /** Runs one command line and returns its exit code; the environment and the outputs are the caller's. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CliContext context = new CliContext(environment, out, err);
        CommandLine commandLine = new CommandLine(new Main())
                .addSubcommand(new ServeCommand(environment))
                .addSubcommand(new VaultsCommand(context))
                .addSubcommand(new CredentialsCommand(context))
                .addSubcommand(new RoutesCommand(context))
                .addSubcommand(new CertsCommand(context));
        commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, err));
        return commandLine.execute(args);
    }

    private static int failure(Exception e, PrintWriter err) {
        if (e instanceof ApiCallException api) {
            err.println("Error " + api.status() + " " + api.code() + ": " + api.getMessage());
            return API_ERROR;
        }
        if (e instanceof AdminUnreachableException || e instanceof UsageException) {
            err.println(e.getMessage());
            return e instanceof UsageException ? USAGE_ERROR : UNREACHABLE;
        }
        err.println("gatehouse failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        return API_ERROR;
    }
}
