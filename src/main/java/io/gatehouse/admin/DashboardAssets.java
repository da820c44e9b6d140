package io.gatehouse.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * Serves the dashboard's HTML, CSS and JavaScript from {@code /dashboard} on the class path at {@code /}, with
 * headers that keep it from running anything but its own files: a Content-Security-Policy of {@code 'self'} only
 * (no inline script or style, no other origin), no framing, no referrer, no MIME sniffing, and revalidation on every
 * load so that an upgraded node serves its own dashboard.
 */
final class DashboardAssets {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-cache");

    private DashboardAssets() {
    }

    static void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/dashboard";
            files.location = Location.CLASSPATH;
            files.headers = SECURITY_HEADERS;
        });
    }
}
