package io.gatehouse.inbound;

import io.gatehouse.upstream.HopByHopHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Turns a client's request head into the head the upstream gets, in place: the route's authority as Host, the
 * request target unchanged (after the upstream's base path, if it has one), hop-by-hop headers gone, and the
 * client's address, the protocol of the listener and the original Host recorded in {@code X-Forwarded-*} and in
 * {@code Forwarded} (RFC 7239), each appended to what earlier proxies wrote.
 */
final class RequestRewriter {
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    private static final String FORWARDED = "Forwarded";

    private RequestRewriter() {
    }

    /**
     * @param originForm the client's path and query
     * @param originalHost the Host the client sent
     * @param client the client's address, or null when unknown
     * @param proto {@code http} or {@code https}, as the listener speaks
     */
    static void rewrite(HttpRequest request, String originForm, String originalHost, InetSocketAddress client,
                        String proto, UpstreamAddress upstream) {
        HttpHeaders headers = request.headers();
        // The client's wish to close was seen by HttpServerKeepAliveHandler before this; it closes the connection
        // after the answer. The upstream leg's keep-alive is the relay's.
        HopByHopHeaders.strip(headers);
        String clientIp = client == null ? null : addressText(client);
        if (clientIp != null) {
            String earlier = String.join(", ", headers.getAll(X_FORWARDED_FOR));
            headers.set(X_FORWARDED_FOR, earlier.isEmpty() ? clientIp : earlier + ", " + clientIp);
        }
        headers.set(X_FORWARDED_PROTO, proto);
        headers.set(X_FORWARDED_HOST, originalHost);
        appendForwarded(headers, clientIp, originalHost, proto);
        headers.set(HttpHeaderNames.HOST, upstream.hostHeader());
        request.setUri(upstream.requestTarget(originForm));
    }

    private static void appendForwarded(HttpHeaders headers, String clientIp, String host, String proto) {
        StringBuilder element = new StringBuilder();
        if (clientIp != null) {
            element.append("for=").append(forwardedNode(clientIp)).append(';');
        }
        element.append("host=").append(quoteIfNeeded(host)).append(";proto=").append(proto);
        String earlier = String.join(", ", headers.getAll(FORWARDED));
        headers.set(FORWARDED, earlier.isEmpty() ? element : earlier + ", " + element);
    }

    /** RFC 7239 section 6: an IPv6 node is bracketed, and therefore quoted. */
    static String forwardedNode(String ip) {
        return ip.indexOf(':') >= 0 ? "\"[" + ip + "]\"" : ip;
    }

    /** RFC 7239 section 4: a value that is not a token is a quoted-string. */
    static String quoteIfNeeded(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            }
        }
        return value.isEmpty() ? "\"\"" : value;
    }

    private static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** The client's IP as text, without an IPv6 scope, which means nothing to the upstream. */
    static String addressText(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String text = ip == null ? address.getHostString() : ip.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }
}
