package io.gatehouse.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RequestRewriterTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 50000);
    private static final UpstreamAddress UPSTREAM = UpstreamAddress.parse("https://api.partner.example:8443");

    @Test
    void rewrite_setsUpstreamHostAndKeepsPathAndQuery() {
        HttpRequest request = request("/pay/x?amount=10&currency=EUR");

        RequestRewriter.rewrite(request, "/pay/x?amount=10&currency=EUR", "tntabc12345.localhost:8080", CLIENT,
                "http", UPSTREAM);

        assertThat(request.uri()).isEqualTo("/pay/x?amount=10&currency=EUR");
        assertThat(request.headers().get("Host")).isEqualTo("api.partner.example:8443");
    }

    @Test
    void rewrite_addsForwardedHeadersNamingClientHostAndProto() {
        HttpRequest request = request("/pay");

        RequestRewriter.rewrite(request, "/pay", "tntabc12345.localhost:8443", CLIENT, "https", UPSTREAM);

        assertThat(request.headers().get("X-Forwarded-For")).isEqualTo("192.0.2.7");
        assertThat(request.headers().get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(request.headers().get("X-Forwarded-Host")).isEqualTo("tntabc12345.localhost:8443");
        assertThat(request.headers().get("Forwarded"))
                .isEqualTo("for=192.0.2.7;host=\"tntabc12345.localhost:8443\";proto=https");
    }

    @Test
    void rewrite_earlierProxies_areAppendedTo() {
        HttpRequest request = request("/pay");
        request.headers().add("X-Forwarded-For", "203.0.113.1");
        request.headers().add("X-Forwarded-For", "203.0.113.2, 203.0.113.3");
        request.headers().add("Forwarded", "for=203.0.113.1");

        RequestRewriter.rewrite(request, "/pay", "tntabc12345.localhost", CLIENT, "http", UPSTREAM);

        assertThat(request.headers().getAll("X-Forwarded-For"))
                .containsExactly("203.0.113.1, 203.0.113.2, 203.0.113.3, 192.0.2.7");
        assertThat(request.headers().get("Forwarded"))
                .isEqualTo("for=203.0.113.1, for=192.0.2.7;host=tntabc12345.localhost;proto=http");
    }

    @Test
    void rewrite_ipv6Client_isBracketedAndQuotedInForwarded() {
        HttpRequest request = request("/");

        RequestRewriter.rewrite(request, "/", "tntabc12345.localhost", new InetSocketAddress("::1", 4000), "http",
                UPSTREAM);

        assertThat(request.headers().get("X-Forwarded-For")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(request.headers().get("Forwarded")).startsWith("for=\"[0:0:0:0:0:0:0:1]\";");
    }

    @Test
    void rewrite_stripsHopByHopAndProxyAuthorization() {
        HttpRequest request = request("/");
        request.headers().add("Connection", "keep-alive, X-Private-Hop");
        request.headers().add("X-Private-Hop", "1");
        request.headers().add("Keep-Alive", "timeout=5");
        request.headers().add("Proxy-Authorization", "Basic c2VjcmV0");
        request.headers().add("TE", "trailers");
        request.headers().add("Upgrade", "websocket");
        request.headers().add("Authorization", "Bearer end-to-end");

        RequestRewriter.rewrite(request, "/", "tntabc12345.localhost", CLIENT, "http", UPSTREAM);

        assertThat(request.headers().names()).doesNotContain("Connection", "X-Private-Hop", "Keep-Alive",
                "Proxy-Authorization", "TE", "Upgrade");
        assertThat(request.headers().get("Authorization")).isEqualTo("Bearer end-to-end");
    }

    @Test
    void rewrite_upstreamWithBasePath_prefixesIt() {
        HttpRequest request = request("/pay?x=1");

        RequestRewriter.rewrite(request, "/pay?x=1", "tntabc12345.localhost", CLIENT, "http",
                UpstreamAddress.parse("http://10.0.0.5:8080/api/"));

        assertThat(request.uri()).isEqualTo("/api/pay?x=1");
        assertThat(request.headers().get("Host")).isEqualTo("10.0.0.5:8080");
    }

    @Test
    void quoteIfNeeded_quotesOnlyNonTokens() {
        assertThat(RequestRewriter.quoteIfNeeded("example.com")).isEqualTo("example.com");
        assertThat(RequestRewriter.quoteIfNeeded("example.com:80")).isEqualTo("\"example.com:80\"");
        assertThat(RequestRewriter.quoteIfNeeded("a\"b")).isEqualTo("\"a\\\"b\"");
    }

    private static HttpRequest request(String uri) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        request.headers().set("Host", "tntabc12345.localhost");
        return request;
    }
}
