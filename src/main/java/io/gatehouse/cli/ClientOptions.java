package io.gatehouse.cli;

import io.gatehouse.admin.AdminServer;
import io.gatehouse.admin.AdminToken;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a client command reaches a node: {@code --admin-url} ({@code GATEHOUSE_ADMIN_URL}), and the admin token from
 * {@code GATEHOUSE_ADMIN_TOKEN} or, failing that, {@code <--data-dir>/admin-token}; {@code --json} prints the API's
 * JSON instead of a table.
 */
public final class ClientOptions {
    @Option(names = "--admin-url", defaultValue = "http://127.0.0.1:9090",
            description = "Admin API of a running node (env GATEHOUSE_ADMIN_URL; default: ${DEFAULT-VALUE}).")
    String adminUrl;

    @Option(names = "--data-dir", defaultValue = "./gatehouse-data",
            description = "Data directory whose admin-token file is used when GATEHOUSE_ADMIN_TOKEN is not set "
                    + "(env GATEHOUSE_DATA_DIR; default: ${DEFAULT-VALUE}).")
    String dataDir;

    @Option(names = "--json", description = "Print the API's JSON instead of a table.")
    boolean json;

    AdminClient client(Map<String, String> environment) {
        URI url;
        try {
            url = URI.create(adminUrl);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--admin-url is '" + adminUrl + "', expected a URL such as http://127.0.0.1:9090");
        }
        if (url.getScheme() == null || url.getHost() == null) {
            throw new UsageException("--admin-url is '" + adminUrl + "', expected a URL such as http://127.0.0.1:9090");
        }
        return new AdminClient(url, token(environment), AdminServer.objectMapper());
    }

    private String token(Map<String, String> environment) {
        String fromEnvironment = environment.get("GATEHOUSE_ADMIN_TOKEN");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        Path file = Path.of(dataDir).resolve(AdminToken.FILE_NAME);
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UsageException("No admin token: set GATEHOUSE_ADMIN_TOKEN, or point --data-dir at the node's "
                    + "data directory (cannot read " + file.toAbsolutePath().normalize() + ")");
        }
    }
}
