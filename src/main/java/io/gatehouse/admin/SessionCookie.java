package io.gatehouse.admin;

import io.javalin.http.Context;

/**
 * The dashboard's session cookie: HttpOnly so that scripts cannot read it, {@code SameSite=Strict} so that no other
 * site's page sends it, {@code Secure} when the request came over TLS (directly or, by {@code X-Forwarded-Proto},
 * through a TLS-terminating proxy), on path {@code /}. It lives as long as the
 * browser session; the server ends it sooner (see {@link DashboardSessions}).
 */
final class SessionCookie {
    static final String NAME = "gatehouse_session";

    private SessionCookie() {
    }

    static void set(Context ctx, String sessionId) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + sessionId + attributes(ctx));
    }

    static void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", NAME + "=; Max-Age=0" + attributes(ctx));
    }

    private static String attributes(Context ctx) {
        // A TLS-terminating reverse proxy says so in X-Forwarded-Proto. Believing it is safe here: a forged header
        // can only make the cookie Secure, which keeps it off plain HTTP.
        boolean tls = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }
}
