package io.gatehouse.inbound;

import static io.gatehouse.inbound.SnapshotFixtures.route;
import static io.gatehouse.inbound.SnapshotFixtures.vault;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.LiveConfig;
import io.gatehouse.inbound.RawHttp.Response;
import io.gatehouse.upstream.UpstreamSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the inbound proxy answers itself, before any upstream: unknown vaults and paths, malformed and oversized
 * requests, unsupported expectations. No request here may reach an upstream (the one route points at a closed port).
 */
@Timeout(60)
class InboundLocalAnswersIT {
    private static final String VAULT = "tntabc12345";

    @TempDir
    static Path dataDir;
    private static InboundServerFixture proxy;

    @BeforeAll
    static void startProxy() throws Exception {
        Curl.requireInstalled();
        LeakWatch.reset();
        proxy = InboundServerFixture.start(liveConfig(), dataDir);
    }

    @AfterAll
    static void stopProxy() throws InterruptedException {
        proxy.close();
        assertThat(LeakWatch.leaksAfterCollection()).as("buffers leaked").isEmpty();
    }

    @Test
    void curl_unknownVault_gets404UnknownVault() throws Exception {
        Curl.Result result = Curl.run("http://tntzzzz0000.localhost:" + proxy.httpPort() + "/pay");

        assertThat(result.exitCode()).as(result.error()).isZero();
        assertThat(result.status()).isEqualTo(404);
        assertThat(result.header("X-Gatehouse-Error")).isEqualTo("unknown_vault");
        assertThat(result.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void curl_pathWithoutRoute_gets404NoRoute() throws Exception {
        Curl.Result result = Curl.run("http://" + VAULT + ".localhost:" + proxy.httpPort() + "/payments");

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.header("X-Gatehouse-Error")).isEqualTo("no_route");
        assertThat(result.body()).contains(VAULT).contains("/payments");
    }

    @Test
    void curl_hostWithoutVaultLabel_gets404UnknownVault() throws Exception {
        Curl.Result result = Curl.run("http://127.0.0.1:" + proxy.httpPort() + "/pay");

        assertThat(result.status()).isEqualTo(404);
        assertThat(result.header("X-Gatehouse-Error")).isEqualTo("unknown_vault");
    }

    @Test
    void localAnswers_onOneConnection_keepItAlive() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send(get("/nothing", "tntzzzz0000.localhost"));
            Response first = client.read();
            client.send(get("/other", VAULT + ".localhost"));
            Response second = client.read();

            assertThat(first.header("X-Gatehouse-Error")).isEqualTo("unknown_vault");
            assertThat(second.header("X-Gatehouse-Error")).isEqualTo("no_route");
        }
    }

    @Test
    void clientAskingToClose_getsItsAnswerThenTheConnectionCloses() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("GET /x HTTP/1.1\r\nHost: tntzzzz0000.localhost\r\nConnection: close\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(404);
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void headersOverLimit_get431AndClose() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("GET /pay HTTP/1.1\r\nHost: " + VAULT + ".localhost\r\nX-Big: " + "a".repeat(17 * 1024)
                    + "\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(431);
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void requestLineOverLimit_gets414AndClose() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("GET /pay?q=" + "a".repeat(9 * 1024) + " HTTP/1.1\r\nHost: " + VAULT + ".localhost\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(414);
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void headersJustUnderLimit_areRouted() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("GET /payments HTTP/1.1\r\nHost: " + VAULT + ".localhost\r\nX-Big: "
                    + "a".repeat(15 * 1024) + "\r\n\r\n");

            assertThat(client.read().header("X-Gatehouse-Error")).isEqualTo("no_route");
        }
    }

    @Test
    void garbage_gets400() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("THIS IS NOT HTTP\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(400);
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void missingHost_gets400() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("GET /pay HTTP/1.1\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(400);
        }
    }

    @Test
    void twoHostHeaders_get400() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("GET /pay HTTP/1.1\r\nHost: " + VAULT + ".localhost\r\nHost: tntzzzz0000.localhost\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(400);
        }
    }

    @Test
    void dotSegments_get400() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send(get("/pay/../admin", VAULT + ".localhost"));

            assertThat(client.read().status()).isEqualTo(400);
        }
    }

    @Test
    void expectContinue_forUnknownVault_gets404WithoutContinueAndClose() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("POST /pay HTTP/1.1\r\nHost: tntzzzz0000.localhost\r\nContent-Length: 1000\r\n"
                    + "Expect: 100-continue\r\n\r\n");

            Response response = client.read();

            assertThat(response.status()).isEqualTo(404);
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void unsupportedExpectation_gets417() throws Exception {
        try (RawHttp client = new RawHttp(proxy.http())) {
            client.send("POST /pay HTTP/1.1\r\nHost: " + VAULT + ".localhost\r\nContent-Length: 3\r\n"
                    + "Expect: something-else\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(417);
        }
    }

    @Test
    void idleClientConnection_isClosedAfterTheIdleTimeout() throws Exception {
        InboundSettings settings = InboundSettings.loopbackEphemeral(dataDir.resolve("idle"))
                .withClientIdleTimeout(Duration.ofMillis(500));
        try (InboundServerFixture idleProxy = InboundServerFixture.start(liveConfig(),
                InboundServerFixture.newSealer(), UpstreamSettings.defaults(), settings);
             RawHttp client = new RawHttp(idleProxy.http())) {
            client.send(get("/x", "tntzzzz0000.localhost"));
            assertThat(client.read().status()).isEqualTo(404);
            long idleSince = System.nanoTime();

            assertThat(client.isClosedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - idleSince)).isGreaterThan(Duration.ofMillis(300));
        }
    }

    private static String get(String path, String host) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    private static LiveConfig liveConfig() {
        return SnapshotFixtures.liveConfig(List.of(vault(VAULT)),
                List.of(route("r-pay", VAULT, "/pay", "https://127.0.0.1:1")));
    }
}
