package io.gatehouse.inbound;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The inbound proxy's rewriting of a request head for the upstream, on a typical head of 8 headers, first as a
 * client sends it directly and then as it arrives behind a load balancer that wrote X-Forwarded-For and Forwarded.
 *
 * <p>Rewriting works in place, so each call rewrites a fresh copy of the head; {@link #copyHead} measures that copy
 * alone, to be subtracted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestRewriterBenchmark {
    private static final String ORIGIN_FORM = "/payments/v1/orders/8f3a2c?expand=items";
    private static final String HOST = "tntabc12345.gatehouse.example:8443";
    private static final InetSocketAddress CLIENT = new InetSocketAddress("198.51.100.23", 51234);
    private static final UpstreamAddress UPSTREAM = UpstreamAddress.parse("https://api.partner.example:8443");

    private final HttpHeaders direct = typicalHead();
    private final HttpHeaders behindBalancer = typicalHead()
            .add("X-Forwarded-For", "203.0.113.9")
            .add("Forwarded", "for=203.0.113.9;proto=https");

    @Benchmark
    public HttpRequest copyHead() {
        return copy(direct);
    }

    @Benchmark
    public HttpRequest rewrite() {
        HttpRequest request = copy(direct);
        RequestRewriter.rewrite(request, ORIGIN_FORM, HOST, CLIENT, "https", UPSTREAM);
        return request;
    }

    @Benchmark
    public HttpRequest rewriteAfterEarlierProxy() {
        HttpRequest request = copy(behindBalancer);
        RequestRewriter.rewrite(request, ORIGIN_FORM, HOST, CLIENT, "https", UPSTREAM);
        return request;
    }

    private static HttpRequest copy(HttpHeaders headers) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, ORIGIN_FORM, headers.copy());
    }

    /** What a service client sends: 8 headers, one of them {@code Connection}. */
    private static HttpHeaders typicalHead() {
        return new DefaultHttpHeaders()
                .add("Host", HOST)
                .add("User-Agent", "payments-service/4.2 (okhttp/4.12.0)")
                .add("Accept", "application/json")
                .add("Accept-Encoding", "gzip")
                .add("Authorization", "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiZW5jaG1hcmsifQ.c2lnbmF0dXJl")
                .add("X-Request-Id", "6c1d2f9e-3b7a-4e8c-9d0f-2a5b8c7e1f34")
                .add("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .add("Connection", "keep-alive");
    }
}
