package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.testing.MtlsUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakWatch.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpstreamPoolIT {
    private final Identities identities = new Identities();
    private final NettyTransport transport = NettyTransport.create(1);
    private final MtlsUpstream upstream = MtlsUpstream.builder().start();
    private final UpstreamSettings settings = new UpstreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofMillis(300), 8, 16, upstream.serverCaPem());
    private final UpstreamClient upstreamClient = new UpstreamClient(transport, identities.sealer(), settings);
    private final RelayFront front = new RelayFront(transport, upstreamClient,
            new UpstreamTarget("localhost", upstream.port(), true, Optional.empty(), null));

    @AfterEach
    void stop() {
        front.close();
        upstreamClient.close();
        upstream.close();
        transport.close();
    }

    @Test
    void idleConnection_pastTheIdleTimeout_isClosed() throws Exception {
        assertThat(new FrontClient().get(front.url("/")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> upstream.openConnections() == 0);
        assertThat(upstreamClient.idleConnections()).isZero();
    }

    @Test
    void connectionInSteadyUse_outlivesTheIdleTimeout_andClosesOnceIdle() throws Exception {
        FrontClient client = new FrontClient();
        long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
        while (System.nanoTime() < end) {
            assertThat(client.get(front.url("/")).statusCode()).isEqualTo(200);
            Thread.sleep(50);
        }

        assertThat(upstream.connections()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> upstream.openConnections() == 0);
        assertThat(upstreamClient.idleConnections()).isZero();
    }

    @Test
    void pipelinedRequests_areAnsweredInOrderOverOneUpstreamConnection() throws Exception {
        String answers = exchange("GET /first HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /second HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /third HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        assertThat(answers.indexOf("X-Seen-Path: /first")).isPositive()
                .isLessThan(answers.indexOf("X-Seen-Path: /second"));
        assertThat(answers.indexOf("X-Seen-Path: /second")).isLessThan(answers.indexOf("X-Seen-Path: /third"));
        assertThat(upstream.connections()).isEqualTo(1);
    }

    @Test
    void pooledConnectionClosedUnderABodilessRequest_isRetriedOnANewConnection() throws Exception {
        String answers = exchange("GET /vanish HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        assertThat(answers).contains("X-Seen-Path: /after").doesNotContain("X-Gatehouse-Error");
        assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(3);
    }

    private String exchange(String requests) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
