package io.gatehouse.admin;

import io.javalin.http.Context;

/**
 * The dashboard's session cookie: HttpOnly so that scripts cannot read it, {@code SameSite=Strict} so that no other
 * site's page sends it, {@code Secure} when the request came over TLS, on path {@code /}. It lives as long as the
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
        boolean tls = "https".equalsIgnoreCase(ctx.scheme());
        return "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }
}
