package io.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.secret.MasterKey;
import io.gatehouse.store.StoppablePostgres;
import io.gatehouse.store.TestPostgres;
import io.gatehouse.testing.ApiClient;
import io.gatehouse.testing.ApiClient.Answer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two whole nodes in this JVM, each with its own data directory, sharing one PostgreSQL, the master key and the
 * admin token as a cluster's nodes do: a change through one node's admin API is served by the other within 2
 * seconds, and a database outage degrades both nodes without stopping them, until the database is back.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterNodesIT {
    private static final String TOKEN = "cluster-admin-token-7c1e9a4b2d8f6035";
    private static final Duration WITHIN_TWO_SECONDS = Duration.ofSeconds(2);

    @TempDir
    Path tempDir;
    private final List<GatehouseNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(GatehouseNode::close);
    }

    @Test
    void vaultCreatedOnA_isServedByB_andBothReportTheVersion() {
        String url = TestPostgres.newDatabaseUrl();
        Map<String, String> environment = clusterEnvironment();
        ApiClient nodeA = start("a", url, environment);
        ApiClient nodeB = start("b", url, environment);

        Answer created = nodeA.post("/api/v1/vaults", Map.of("name", "payments"));
        long version = nodeA.get("/healthz").json().path("configVersion").asLong();

        assertThat(created.status()).isEqualTo(201);
        await().atMost(WITHIN_TWO_SECONDS).until(() -> configVersion(nodeB) == version);
        assertThat(nodeB.get("/api/v1/vaults").json().path("items").findValuesAsText("id"))
                .contains(created.json().path("id").asText());
    }

    @Test
    void databaseOutage_refusesWritesWith503_keepsNodesUpDegraded_andRecoversWithoutRestart() {
        StoppablePostgres postgres = StoppablePostgres.start(tempDir.resolve("pg"));
        Map<String, String> environment = clusterEnvironment();
        ApiClient nodeA = start("a", postgres.url(), environment);
        ApiClient nodeB = start("b", postgres.url(), environment);
        nodeA.post("/api/v1/vaults", Map.of("name", "payments"));
        long version = nodeA.get("/healthz").json().path("configVersion").asLong();
        await().atMost(WITHIN_TWO_SECONDS).until(() -> configVersion(nodeB) == version);
        try (postgres) {
            postgres.stop();

            long start = System.nanoTime();
            Answer refused = nodeA.post("/api/v1/vaults", Map.of("name", "during outage"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("STORE_UNAVAILABLE");
            assertThat(refused.errorMessage()).contains("database cannot be reached");
            for (ApiClient node : List.of(nodeA, nodeB)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> status(node).equals("degraded"));
                Answer health = node.get("/healthz");
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().path("configVersion").asLong()).isEqualTo(version);
                assertThat(health.json().path("reason").asText()).contains("database cannot be reached");
            }

            postgres.startAgain();

            await().atMost(Duration.ofSeconds(10)).until(() -> status(nodeA).equals("ok") && status(nodeB)
                    .equals("ok"));
            assertThat(nodeB.post("/api/v1/vaults", Map.of("name", "after outage")).status()).isEqualTo(201);
            long after = configVersion(nodeB);
            await().atMost(WITHIN_TWO_SECONDS).until(() -> configVersion(nodeA) == after);
        }
    }

    private ApiClient start(String name, String databaseUrl, Map<String, String> environment) {
        ServeCommand serve = new ServeCommand(environment);
        new CommandLine(serve).parseArgs("--data-dir", tempDir.resolve(name).toString(),
                "--database-url", databaseUrl, "--database-user", TestPostgres.USER,
                "--admin-address", "127.0.0.1:0", "--inbound-http-address", "127.0.0.1:0",
                "--inbound-https-address", "127.0.0.1:0", "--outbound-address", "127.0.0.1:0",
                "--outbound-tls-address", "127.0.0.1:0");
        GatehouseNode node = GatehouseNode.start(serve.settings(), environment);
        nodes.add(node);
        return new ApiClient(URI.create("http://127.0.0.1:" + node.adminPort()), TOKEN);
    }

    private static Map<String, String> clusterEnvironment() {
        StringBuilder masterKey = new StringBuilder();
        MasterKey.generate(masterKey);
        return Map.of("GATEHOUSE_MASTER_KEY", masterKey.toString(), "GATEHOUSE_ADMIN_TOKEN", TOKEN);
    }

    private static long configVersion(ApiClient node) {
        return node.get("/healthz").json().path("configVersion").asLong();
    }

    private static String status(ApiClient node) {
        return node.get("/healthz").json().path("status").asText();
    }
}
