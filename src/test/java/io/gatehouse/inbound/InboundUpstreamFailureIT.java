package io.gatehouse.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.store.Route;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.MtlsUpstream;
import io.gatehouse.testing.TestCa;
import io.gatehouse.upstream.UpstreamSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a caller of the inbound proxy sees when the upstream refuses, resets, or is too slow, and what a caller that
 * goes away mid-upload leaves behind. The upstream timeouts are short so that the tests are. */
@Timeout(90)
class InboundUpstreamFailureIT {
    private static final TestCa PARTNER_CA = TestCa.create("Failure Partner CA");
    private static final UpstreamSettings SHORT_TIMEOUTS = new UpstreamSettings(Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(30), 8, 16, null);

    @TempDir
    static Path dataDir;
    private static MtlsUpstream upstream;
    private static StoredConfig config;
    private static InboundServerFixture proxy;
    private static String vault;

    @BeforeAll
    static void start() throws Exception {
        Curl.requireInstalled();
        upstream = MtlsUpstream.builder().requireClientsOf(PARTNER_CA.certificate()).start();
        config = StoredConfig.open(dataDir.resolve("store"));
        proxy = InboundServerFixture.start(config, SHORT_TIMEOUTS, dataDir.resolve("proxy"));
        vault = config.createVault();
        Route route = config.createRoute(vault, "/", "https://127.0.0.1:" + upstream.port(), upstream.serverCaPem());
        config.attach(vault, route.id(), PARTNER_CA.leaf("failure-client").keyKind(KeyKind.EC_P256).issue());
        Route refused = config.createRoute(vault, "/refused", "https://127.0.0.1:" + closedPort(), null);
        config.attach(vault, refused.id(), PARTNER_CA.leaf("refused-client").keyKind(KeyKind.EC_P256).issue());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        config.close();
        upstream.close();
    }

    @Test
    void upstreamRefusingConnections_gets502ConnectFailed() throws Exception {
        Curl.Result result = curl("/refused/x");

        assertThat(result.status()).isEqualTo(502);
        assertThat(result.header("X-Gatehouse-Error")).isEqualTo("upstream_connect_failed");
    }

    @Test
    void upstreamTooSlow_gets504Timeout() throws Exception {
        Curl.Result result = curl("/slow?ms=5000");

        assertThat(result.status()).isEqualTo(504);
        assertThat(result.header("X-Gatehouse-Error")).isEqualTo("upstream_timeout");
    }

    @Test
    void upstreamResettingMidResponse_failsTheClientsResponse() throws Exception {
        Curl.Result result = curl("/reset");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.exitCode()).as("curl must see the response cut short: " + result.error()).isNotZero();
    }

    @Test
    void clientDisconnectingMidUpload_leavesPoolAndBuffersAsTheyWere() throws Exception {
        assertThat(curl("/warm-up").status()).isEqualTo(200);
        LeakWatch.reset();
        int upstreamConnectionsBefore = upstream.openConnections();
        try (AllocatorWatch memory = new AllocatorWatch()) {
            long usedBefore = memory.used();
            try (RawHttp client = new RawHttp(proxy.http())) {
                client.send("POST /upload HTTP/1.1\r\nHost: " + vault + ".localhost\r\nContent-Length: "
                        + (100L * 1024 * 1024) + "\r\n\r\n");
                for (int i = 0; i < 64; i++) {
                    client.send("x".repeat(64 * 1024));
                }
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(upstream.openConnections()).isLessThanOrEqualTo(upstreamConnectionsBefore);
                assertThat(memory.used()).isLessThan(usedBefore + 16L * 1024 * 1024);
            });
        }
        assertThat(curl("/after-abort").status()).isEqualTo(200);
        assertThat(LeakWatch.leaksAfterCollection()).isEmpty();
    }

    private static Curl.Result curl(String path) throws Exception {
        return Curl.run("http://" + vault + ".localhost:" + proxy.httpPort() + path);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
