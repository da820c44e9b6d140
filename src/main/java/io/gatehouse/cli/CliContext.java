package io.gatehouse.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.Map;

/** What every command runs with: the environment and where to print, passed in so that tests can run the CLI. */
record CliContext(Map<String, String> environment, PrintWriter out, PrintWriter err) {
    CliContext {
        environment = Map.copyOf(requireNonNull(environment, "environment"));
        requireNonNull(out, "out");
        requireNonNull(err, "err");
    }

    /** A client of the admin API and an output, as the options ask. */
    Session session(ClientOptions options) {
        AdminClient client = options.client(environment);
        return new Session(client, new Output(out, client.mapper(), options.json));
    }

    /** A connected command's client and output. */
    record Session(AdminClient client, Output output) {
    }
}
