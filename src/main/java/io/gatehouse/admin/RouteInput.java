package io.gatehouse.admin;

import io.gatehouse.upstream.PemCertificates;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The fields of a route as a request gives them, checked: an absolute {@code http://} or {@code https://} upstream
 * with a host, an optional port and no path, user, query or fragment; a path prefix that starts with {@code /};
 * bounded lengths; CA certificates that parse as PEM. The upstream is kept without a trailing slash.
 */
record RouteInput(String pathPrefix, String upstream, String description, String upstreamCaPem) {
    static final int MAX_UPSTREAM_LENGTH = 2048;
    static final int MAX_PREFIX_LENGTH = 1024;

    static RouteInput from(JsonRequest request) {
        String upstream = upstream(request.requiredString("upstream").strip());
        String prefix = pathPrefix(request.optionalString("pathPrefix").map(String::strip).orElse("/"));
        String description = CredentialEndpoints.description(request);
        String caPem = request.optionalString("upstreamCaPem").filter(pem -> !pem.isBlank()).orElse(null);
        if (caPem != null) {
            checkCaPem(caPem);
        }
        return new RouteInput(prefix, upstream, description, caPem);
    }

    private static String upstream(String text) {
        if (text.length() > MAX_UPSTREAM_LENGTH) {
            throw invalidRoute("The upstream is longer than " + MAX_UPSTREAM_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalidRoute("The upstream is not a URL; give a base URL such as https://api.example.com:8443");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw invalidRoute("The upstream must be an absolute https:// or http:// URL with a host, such as "
                    + "https://api.example.com:8443");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalidRoute("The upstream must not carry a user, a query or a fragment; give scheme, host and "
                    + "port only");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw invalidRoute("The upstream must not have a path; requests keep their own path, so give "
                    + "scheme, host and port only");
        }
        return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
    }

    private static String pathPrefix(String prefix) {
        if (!prefix.startsWith("/") || prefix.length() > MAX_PREFIX_LENGTH) {
            throw invalidRoute("The path prefix must start with '/' and be at most " + MAX_PREFIX_LENGTH
                    + " characters, such as /payments");
        }
        if (prefix.chars().anyMatch(c -> c <= ' ' || c == '?' || c == '#' || c == 0x7f)) {
            throw invalidRoute("The path prefix must not contain spaces, control characters, '?' or '#'");
        }
        return prefix;
    }

    private static void checkCaPem(String pem) {
        try {
            if (PemCertificates.parse(pem, "upstreamCaPem").isEmpty()) {
                throw invalidCa();
            }
        } catch (IllegalArgumentException e) {
            throw invalidCa();
        }
    }

    private static ApiException invalidRoute(String message) {
        return ApiException.badRequest("INVALID_ROUTE", message);
    }

    private static ApiException invalidCa() {
        return ApiException.badRequest("INVALID_UPSTREAM_CA",
                "upstreamCaPem must hold one or more PEM certificates (-----BEGIN CERTIFICATE-----)");
    }
}
