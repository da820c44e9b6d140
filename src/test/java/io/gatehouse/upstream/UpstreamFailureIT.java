package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.MtlsUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
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
class UpstreamFailureIT {
    private final Identities identities = new Identities();
    private final NettyTransport transport = NettyTransport.create(1);
    private final UpstreamSettings settings = new UpstreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofMillis(500), Duration.ofSeconds(30), 8, 16, null);
    private final UpstreamClient upstreamClient = new UpstreamClient(transport, identities.sealer(), settings);
    private final FrontClient client = new FrontClient();

    @AfterEach
    void stop() {
        upstreamClient.close();
        transport.close();
    }

    @Test
    void relay_toUntrustedServer_answersTlsFailed() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().start();
             RelayFront front = front("localhost", upstream.port(), null)) {
            HttpResponse<String> response = client.get(front.url("/"));

            assertFailure(response, 502, "upstream_tls_failed");
            assertThat(response.body()).contains("certification path");
            assertThat(upstream.requests()).isEmpty();
        }
    }

    @Test
    void relay_toServerTrustedByTheRoutesCa_succeeds() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().start();
             RelayFront front = front("localhost", upstream.port(), upstream.serverCaPem())) {
            HttpResponse<String> response = client.get(front.url("/"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Seen-Host")).hasValue("127.0.0.1:" + front.port());
        }
    }

    @Test
    void relay_requestWithoutHost_carriesTheUpstreamsAuthority() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().start();
             RelayFront front = front("localhost", upstream.port(), upstream.serverCaPem());
             Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.getOutputStream().write("GET /bare HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 200").contains("X-Seen-Host: localhost:" + upstream.port());
            assertThat(upstream.requests()).singleElement()
                    .satisfies(seen -> assertThat(seen.headers().get("Connection")).isNull());
        }
    }

    @Test
    void relay_toServerWithAnotherName_answersTlsFailed() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().serverNames("elsewhere.example").start();
             RelayFront front = front("localhost", upstream.port(), upstream.serverCaPem())) {
            HttpResponse<String> response = client.get(front.url("/"));

            assertFailure(response, 502, "upstream_tls_failed");
            assertThat(response.body()).contains("localhost");
        }
    }

    @Test
    void relay_toAnAcceptedChainUnderANameItLacks_answersTlsFailed() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().serverNames("localhost").start();
             RelayFront byName = front("localhost", upstream.port(), upstream.serverCaPem());
             RelayFront byIp = front("127.0.0.1", upstream.port(), upstream.serverCaPem())) {
            assertThat(client.get(byName.url("/")).statusCode()).isEqualTo(200);

            // The chain was accepted once, for localhost; remembering that must not vouch for another name.
            HttpResponse<String> response = client.get(byIp.url("/"));

            assertFailure(response, 502, "upstream_tls_failed");
            assertThat(upstream.requests()).hasSize(1);
        }
    }

    @Test
    void relay_toIpLiteral_checksTheIpAddressOfTheCertificate() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().start();
             RelayFront front = front("127.0.0.1", upstream.port(), upstream.serverCaPem())) {
            assertThat(client.get(front.url("/")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void relay_toRefusedPort_answersConnectFailed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (RelayFront front = front("127.0.0.1", closedPort, null)) {
            assertFailure(client.get(front.url("/")), 502, "upstream_connect_failed");
        }
    }

    @Test
    void relay_toUnresolvableHost_answersConnectFailed() throws Exception {
        try (RelayFront front = front("no-such-host.invalid", 443, null)) {
            assertFailure(client.get(front.url("/")), 502, "upstream_connect_failed");
        }
    }

    @Test
    void relay_toSlowUpstream_answersTimeout() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().start();
             RelayFront front = front("localhost", upstream.port(), upstream.serverCaPem())) {
            assertFailure(client.get(front.url("/slow?ms=3000")), 504, "upstream_timeout");
        }
    }

    @Test
    void relay_slowRequestAfterFastOnesOnTheSameConnection_answersTimeout() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().start();
             RelayFront front = front("localhost", upstream.port(), upstream.serverCaPem())) {
            // Fast exchanges on one kept-alive connection, spread over about the response timeout, leave the
            // connection's progress check armed from an earlier exchange when the slow one starts.
            for (int i = 0; i < 6; i++) {
                assertThat(client.get(front.url("/")).statusCode()).isEqualTo(200);
                Thread.sleep(100);
            }

            assertFailure(client.get(front.url("/slow?ms=3000")), 504, "upstream_timeout");
        }
    }

    @Test
    void relay_afterAFailure_servesTheNextRequestOnTheSameClientConnection() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().start();
             RelayFront front = front("localhost", upstream.port(), upstream.serverCaPem())) {
            assertFailure(client.get(front.url("/slow?ms=3000")), 504, "upstream_timeout");

            HttpResponse<String> next = client.get(front.url("/"));

            assertThat(next.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void relay_whenUpstreamResetsMidResponse_closesTheClientConnection() throws Exception {
        try (MtlsUpstream upstream = MtlsUpstream.builder().start();
             RelayFront front = front("localhost", upstream.port(), upstream.serverCaPem())) {
            assertThatThrownBy(() -> client.get(front.url("/reset"))).isInstanceOf(IOException.class);
            assertThat(upstreamClient.idleConnections()).isZero();
        }
    }

    private RelayFront front(String host, int port, String extraCaPem) {
        return new RelayFront(transport, upstreamClient, new UpstreamTarget(host, port, true, Optional.empty(),
                extraCaPem));
    }

    private static void assertFailure(HttpResponse<String> response, int status, String error) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Gatehouse-Error")).hasValue(error);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
    }
}
