package io.gatehouse.upstream;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Stripping the hop-by-hop headers from a request head of 8 headers, as both proxies do for every request and every
 * response: once with a plain {@code Connection: keep-alive}, once with a {@code Connection} that names another
 * header and a {@code Proxy-Authorization}, as an intercepted request through the outbound proxy may carry.
 *
 * <p>Stripping works in place, so each call strips a fresh copy; {@link #copyHeaders} measures the copy alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HopByHopHeadersBenchmark {
    private final HttpHeaders keepAlive = head("keep-alive");
    private final HttpHeaders namingHeaders = head("keep-alive, X-Debug-Hop")
            .add("X-Debug-Hop", "1")
            .add("Proxy-Authorization", "Basic Y2xpZW50LTE6WmszcThWdzFwUjB4WXQ3bU4yYkwwMQ==");

    @Benchmark
    public HttpHeaders copyHeaders() {
        return keepAlive.copy();
    }

    @Benchmark
    public HttpHeaders stripKeepAlive() {
        HttpHeaders headers = keepAlive.copy();
        HopByHopHeaders.strip(headers);
        return headers;
    }

    @Benchmark
    public HttpHeaders stripNamedAndProxyAuthorization() {
        HttpHeaders headers = namingHeaders.copy();
        HopByHopHeaders.strip(headers);
        return headers;
    }

    private static HttpHeaders head(String connection) {
        return new DefaultHttpHeaders()
                .add("Host", "api.partner.example")
                .add("User-Agent", "payments-service/4.2 (okhttp/4.12.0)")
                .add("Accept", "application/json")
                .add("Accept-Encoding", "gzip")
                .add("Authorization", "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJiZW5jaG1hcmsifQ.c2lnbmF0dXJl")
                .add("X-Request-Id", "6c1d2f9e-3b7a-4e8c-9d0f-2a5b8c7e1f34")
                .add("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .add("Connection", connection);
    }
}
