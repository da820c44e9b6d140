package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.MtlsUpstream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakWatch.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpstreamPlainHttpIT {
    private final Identities identities = new Identities();
    private final NettyTransport transport = NettyTransport.create(1);
    private final MtlsUpstream upstream = MtlsUpstream.builder().plainHttp().start();
    private final UpstreamClient upstreamClient = new UpstreamClient(transport, identities.sealer(),
            UpstreamSettings.defaults());
    private final RelayFront front = new RelayFront(transport, upstreamClient,
            new UpstreamTarget("127.0.0.1", upstream.port(), false, Optional.empty(), null));
    private final FrontClient client = new FrontClient();

    @AfterEach
    void stop() {
        front.close();
        upstreamClient.close();
        upstream.close();
        transport.close();
    }

    @Test
    void relay_toPlainHttpUpstream_forwardsWithoutTlsAndKeepsTheConnection() throws Exception {
        HttpResponse<String> first = client.get(front.url("/plain?q=1"));
        HttpResponse<String> second = client.get(front.url("/plain?q=2"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Client-Subject")).hasValue("");
        assertThat(second.headers().firstValue("X-Seen-Path")).hasValue("/plain?q=2");
        assertThat(upstream.connections()).isEqualTo(1);
    }

    @Test
    void headRequest_isAnsweredWithoutBodyAndTheConnectionStaysUsable() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create(front.url("/head")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> after = client.get(front.url("/after-head"));

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(after.body()).startsWith("ok");
        assertThat(upstream.connections()).isEqualTo(1);
    }

    @Test
    void proxyAuthorization_isNeverForwardedEvenWhenTheCallerLeftIt() throws Exception {
        front.keepHopByHopHeaders();
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.getOutputStream().write(("GET /secret HTTP/1.1\r\nHost: a\r\nX-Kept: yes\r\n"
                    + "Proxy-Authorization: Basic dXNlcjpwYXNz\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
        }

        assertThat(upstream.requests()).singleElement().satisfies(seen -> {
            assertThat(seen.headers().contains("Proxy-Authorization")).isFalse();
            assertThat(seen.headers().contains("Connection")).isFalse();
            assertThat(seen.headers().get("X-Kept")).isEqualTo("yes");
        });
    }
}
