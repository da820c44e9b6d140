package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Lets an {@code /api/} call through only with {@code Authorization: Bearer <admin token>}; the outbound CA download
 * is public, since clients must fetch it to trust the proxy. A refusal does not say whether a token was missing or
 * wrong, and the presented value is never logged.
 */
final class BearerAuth implements Handler {
    static final String PUBLIC_PATH = "/api/v1/outbound-ca.pem";
    private static final String PREFIX = "Bearer ";

    private final AdminToken token;

    BearerAuth(AdminToken token) {
        this.token = requireNonNull(token, "token");
    }

    @Override
    public void handle(Context ctx) {
        if (PUBLIC_PATH.equals(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        boolean bearer = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        if (!bearer || !token.matches(header.substring(PREFIX.length()).strip())) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
            throw new ApiException(401, "UNAUTHORIZED",
                    "Send the admin token as 'Authorization: Bearer <token>'; it is in GATEHOUSE_ADMIN_TOKEN or "
                            + "<data-dir>/admin-token");
        }
    }
}
