package io.gatehouse.inbound;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A route's upstream base URL taken apart: {@code https://host[:port]} speaks TLS (port 443 unless given),
 * {@code http://host[:port]} plain HTTP (port 80). {@code hostHeader} is the authority exactly as the route names it,
 * which is what the upstream sees as Host. A base path, if the URL has one, is put before the request's path, as a
 * gateway's service path is; without one the path goes upstream unchanged.
 */
record UpstreamAddress(String host, int port, boolean tls, String hostHeader, String basePath) {

    static UpstreamAddress parse(String upstream) {
        requireNonNull(upstream, "upstream");
        URI uri;
        try {
            uri = new URI(upstream.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("route upstream is not a URL: " + upstream, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("route upstream must be https://host[:port] or http://host[:port], was "
                    + upstream);
        }
        boolean tls = scheme.equals("https");
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String hostHeader = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        return new UpstreamAddress(host, port, tls, hostHeader, path);
    }

    /** The request target sent upstream: the base path, if any, then the client's path and query unchanged. */
    String requestTarget(String originForm) {
        return basePath.isEmpty() ? originForm : basePath + originForm;
    }
}
