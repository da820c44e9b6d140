package io.gatehouse.testing;

import io.gatehouse.cli.GatehouseNode;
import io.gatehouse.cli.HostPort;
import io.gatehouse.cli.ServeSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A whole Gatehouse node in the test's JVM: a temporary data directory, the embedded store, every listener on a
 * free loopback port, and a known admin token.
 */
public final class TestNode implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-4f9c2b7e81d0a3c5e6f7";

    private final GatehouseNode node;

    private TestNode(GatehouseNode node) {
        this.node = node;
    }

    public static TestNode start(Path dataDir) {
        return new TestNode(GatehouseNode.start(settings(dataDir), Map.of("GATEHOUSE_ADMIN_TOKEN", ADMIN_TOKEN)));
    }

    public static ServeSettings settings(Path dataDir) {
        HostPort any = new HostPort("127.0.0.1", 0);
        return new ServeSettings(any, any, any, any, any, Optional.empty(), "localhost", Optional.empty(),
                Optional.empty(), dataDir, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public URI adminUrl() {
        return URI.create("http://127.0.0.1:" + node.adminPort());
    }

    public ApiClient api() {
        return new ApiClient(adminUrl(), ADMIN_TOKEN);
    }

    @Override
    public void close() {
        node.close();
    }
}
