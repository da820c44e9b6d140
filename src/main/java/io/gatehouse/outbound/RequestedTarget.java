package io.gatehouse.outbound;

import io.netty.util.NetUtil;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a client asked the proxy to go, from the authority of a {@code CONNECT} or from an absolute-form URI.
 *
 * @param host a DNS name or an IP literal (IPv6 without brackets)
 * @param tls whether the upstream speaks TLS: always for CONNECT, else by the URI's scheme
 * @param originForm the path and query to send upstream ({@code /} when the URI has none)
 * @param authority {@code host[:port]} as the client wrote it, for the {@code Host} header
 */
record RequestedTarget(String host, int port, boolean tls, String originForm, String authority) {
    private static final Pattern DNS_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9_.])?");
    private static final int HTTPS_PORT = 443;
    private static final int HTTP_PORT = 80;

    /** {@code host:port} of a CONNECT request; the port defaults to 443. */
    static Optional<RequestedTarget> fromConnect(String authority) {
        return parseAuthority(authority, HTTPS_PORT, true, "/");
    }

    /** Whether the URI is absolute-form with a scheme this proxy forwards. */
    static boolean isAbsolute(String uri) {
        return schemeLength(uri) > 0;
    }

    /** An absolute-form {@code http://} or {@code https://} URI. */
    static Optional<RequestedTarget> fromAbsoluteUri(String uri) {
        int schemeLength = schemeLength(uri);
        if (schemeLength == 0) {
            return Optional.empty();
        }
        boolean tls = schemeLength == "https://".length();
        String rest = uri.substring(schemeLength);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        int pathStart = firstOf(rest, '/', '?');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String path = pathStart < 0 ? "/" : rest.substring(pathStart);
        if (path.startsWith("?")) {
            path = "/" + path;
        }
        return parseAuthority(authority, tls ? HTTPS_PORT : HTTP_PORT, tls, path);
    }

    private static Optional<RequestedTarget> parseAuthority(String authority, int defaultPort, boolean tls,
                                                            String path) {
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                return Optional.empty();
            }
            portText = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = authority.indexOf(':');
            if (colon != authority.lastIndexOf(':')) {
                return Optional.empty();
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = portText == null ? defaultPort : parsePort(portText);
        if (port < 0 || !isValidHost(host, authority.startsWith("["))) {
            return Optional.empty();
        }
        return Optional.of(new RequestedTarget(host.toLowerCase(Locale.ROOT), port, tls, path, authority));
    }

    private static boolean isValidHost(String host, boolean bracketed) {
        if (bracketed) {
            return NetUtil.isValidIpV6Address(host);
        }
        return NetUtil.isValidIpV4Address(host) || DNS_NAME.matcher(host).matches();
    }

    private static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : -1;
    }

    private static int schemeLength(String uri) {
        if (uri.regionMatches(true, 0, "http://", 0, 7)) {
            return 7;
        }
        return uri.regionMatches(true, 0, "https://", 0, 8) ? 8 : 0;
    }

    private static int firstOf(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
