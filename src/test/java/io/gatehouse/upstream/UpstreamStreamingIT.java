package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.testing.MtlsUpstream;
import io.gatehouse.testing.PatternBody;
import io.gatehouse.testing.PatternStream;
import io.gatehouse.testing.TestCa;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakWatch.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UpstreamStreamingIT {
    private static final long BODY = 100L * 1024 * 1024;
    private static final long DIRECT_MEMORY_LIMIT = 64L * 1024 * 1024;

    private final TestCa clientCa = TestCa.create("Streaming Client CA");
    private final Identities identities = new Identities();
    private final NettyTransport transport = NettyTransport.create(2);
    private final MtlsUpstream upstream = MtlsUpstream.builder().requireClientsOf(clientCa.certificate()).start();
    private final UpstreamClient upstreamClient = new UpstreamClient(transport, identities.sealer(),
            UpstreamSettings.defaults().withUpstreamCaPem(upstream.serverCaPem()));
    private final RelayFront front = new RelayFront(transport, upstreamClient, Identities.target("localhost",
            upstream.port(), identities.of(clientCa.leaf("streamer").issue()), null));
    private final FrontClient client = new FrontClient();
    private final AtomicLong peakDirectMemory = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        sampler.shutdownNow();
        front.close();
        upstreamClient.close();
        upstream.close();
        transport.close();
    }

    @Test
    void upload_of100MiB_streamsThroughWithFlatMemory() throws Exception {
        sampleDirectMemory();
        HttpRequest request = HttpRequest.newBuilder(URI.create(front.url("/upload")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(BODY)))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("bytes=" + BODY + " crc32=" + Long.toHexString(PatternBody.crc32(BODY)));
        assertThat(peakDirectMemory.get()).isLessThan(DIRECT_MEMORY_LIMIT);
    }

    @Test
    void download_of100MiB_streamsThroughWithFlatMemory() throws Exception {
        sampleDirectMemory();
        HttpRequest request = HttpRequest.newBuilder(URI.create(front.url("/download?bytes=" + BODY))).build();

        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        CRC32 crc = new CRC32();
        long length = 0;
        try (InputStream body = response.body()) {
            byte[] chunk = new byte[64 * 1024];
            for (int read = body.read(chunk); read >= 0; read = body.read(chunk)) {
                crc.update(chunk, 0, read);
                length += read;
            }
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(length).isEqualTo(BODY);
        assertThat(Long.toHexString(crc.getValue())).isEqualTo(response.headers().firstValue("X-Body-Crc32")
                .orElseThrow());
        assertThat(peakDirectMemory.get()).isLessThan(DIRECT_MEMORY_LIMIT);
    }

    @Test
    void clientDisconnect_midUpload_closesTheUpstreamConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + BODY + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024 * 1024]);
            out.flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.openConnections() == 1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.openConnections() == 0);
        assertThat(upstreamClient.idleConnections()).isZero();
        assertThat(upstream.requests()).hasSize(1);
    }

    private void sampleDirectMemory() {
        ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
        if (allocator instanceof ByteBufAllocatorMetricProvider metrics) {
            sampler.scheduleAtFixedRate(() -> peakDirectMemory.accumulateAndGet(
                    metrics.metric().usedDirectMemory(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
        }
    }
}
