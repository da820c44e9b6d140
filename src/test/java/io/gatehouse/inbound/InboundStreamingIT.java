package io.gatehouse.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.store.Route;
import io.gatehouse.testing.KeyKind;
import io.gatehouse.testing.MtlsUpstream;
import io.gatehouse.testing.PatternBody;
import io.gatehouse.testing.PatternStream;
import io.gatehouse.testing.SeenRequest;
import io.gatehouse.testing.TestCa;
import io.gatehouse.upstream.UpstreamSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies through the inbound proxy: 100 MiB each way with the proxy's buffers staying small, a chunked upload, and
 * {@code Expect: 100-continue}. Java's HttpClient reaches {@code <vault>.localhost} by treating the proxy as an HTTP
 * proxy, which sends the absolute-form target the inbound proxy also accepts (the JDK does not resolve *.localhost).
 */
@Timeout(180)
class InboundStreamingIT {
    private static final long HUNDRED_MIB = 100L * 1024 * 1024;
    private static final long MEMORY_BOUND = 48L * 1024 * 1024;
    private static final TestCa PARTNER_CA = TestCa.create("Streaming Partner CA");

    @TempDir
    static Path dataDir;
    private static MtlsUpstream upstream;
    private static StoredConfig config;
    private static InboundServerFixture proxy;
    private static String vault;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        Curl.requireInstalled();
        LeakWatch.reset();
        upstream = MtlsUpstream.builder().requireClientsOf(PARTNER_CA.certificate()).start();
        config = StoredConfig.open(dataDir.resolve("store"));
        proxy = InboundServerFixture.start(config, UpstreamSettings.defaults(), dataDir.resolve("proxy"));
        vault = config.createVault();
        Route route = config.createRoute(vault, "/", "https://127.0.0.1:" + upstream.port(), upstream.serverCaPem());
        config.attach(vault, route.id(), PARTNER_CA.leaf("streaming-client").keyKind(KeyKind.EC_P256).issue());
        client = HttpClient.newBuilder().proxy(ProxySelector.of(proxy.http())).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        proxy.close();
        config.close();
        upstream.close();
        assertThat(LeakWatch.leaksAfterCollection()).as("buffers leaked").isEmpty();
    }

    @Test
    void download_of100MiB_arrivesWholeWithFlatMemory() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/download?bytes=" + HUNDRED_MIB)).build();

        try (AllocatorWatch memory = new AllocatorWatch()) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            CRC32 crc = new CRC32();
            long bytes = 0;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    crc.update(buffer, 0, n);
                    bytes += n;
                }
            }

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(bytes).isEqualTo(HUNDRED_MIB);
            assertThat(Long.toHexString(crc.getValue())).isEqualTo(Long.toHexString(PatternBody.crc32(HUNDRED_MIB)));
            assertThat(memory.peak()).as("peak allocator memory").isLessThan(MEMORY_BOUND);
        }
    }

    @Test
    void upload_of100MiBWithContentLength_arrivesWholeWithFlatMemory() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/upload"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(HUNDRED_MIB)), HUNDRED_MIB))
                .build();

        try (AllocatorWatch memory = new AllocatorWatch()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("bytes=" + HUNDRED_MIB + " crc32="
                    + Long.toHexString(PatternBody.crc32(HUNDRED_MIB)));
            assertThat(memory.peak()).as("peak allocator memory").isLessThan(MEMORY_BOUND);
        }
    }

    @Test
    void chunkedUpload_withExpectContinue_isAnsweredContinueAndArrivesWhole() throws Exception {
        long size = 8L * 1024 * 1024 + 17;
        Process curl = new ProcessBuilder("curl", "-sS", "-i", "--max-time", "60", "-X", "POST", "-T", "-",
                "-H", "Expect: 100-continue", "-H", "X-Test: chunked-expect",
                "http://" + vault + ".localhost:" + proxy.httpPort() + "/upload").start();
        try (OutputStream stdin = curl.getOutputStream(); InputStream body = new PatternStream(size)) {
            body.transferTo(stdin);
        }
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).startsWith("HTTP/1.1 100 Continue");
        assertThat(output).contains("bytes=" + size + " crc32=" + Long.toHexString(PatternBody.crc32(size)));
        SeenRequest seen = upstream.requests().stream()
                .filter(r -> "chunked-expect".equals(r.headers().get("X-Test"))).findFirst().orElseThrow();
        assertThat(seen.headers().get("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
        assertThat(seen.headers().contains("Expect")).isFalse();
    }

    @Test
    void requestsOnOneClientConnection_eachGetTheirUpstreamAnswer() throws Exception {
        try (RawHttp connection = new RawHttp(proxy.http())) {
            for (int i = 0; i < 3; i++) {
                connection.send("GET /keep-alive-" + i + " HTTP/1.1\r\nHost: " + vault + ".localhost\r\n\r\n");
                RawHttp.Response response = connection.read();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("X-Seen-Path")).isEqualTo("/keep-alive-" + i);
            }
        }
    }

    @Test
    void clientAskingToClose_getsTheUpstreamAnswerThenTheConnectionCloses() throws Exception {
        try (RawHttp connection = new RawHttp(proxy.http())) {
            connection.send("GET /closing HTTP/1.1\r\nHost: " + vault + ".localhost\r\nConnection: close\r\n\r\n");

            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Seen-Path")).isEqualTo("/closing");
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(connection.isClosedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedRequests_areAnsweredInOrder_evenWhenOneIsAnsweredLocally() throws Exception {
        try (RawHttp connection = new RawHttp(proxy.http())) {
            connection.send("GET /slow?ms=300 HTTP/1.1\r\nHost: " + vault + ".localhost\r\n\r\n"
                    + "GET /x HTTP/1.1\r\nHost: tnt00000000.localhost\r\n\r\n");

            RawHttp.Response first = connection.read();
            RawHttp.Response second = connection.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("X-Seen-Path")).isEqualTo("/slow?ms=300");
            assertThat(second.status()).isEqualTo(404);
            assertThat(second.header("X-Gatehouse-Error")).isEqualTo("unknown_vault");
        }
    }

    private static URI uri(String pathAndQuery) {
        return URI.create("http://" + vault + ".localhost" + pathAndQuery);
    }
}
