package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import io.gatehouse.admin.DashboardSessions.Session;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates an {@code /api/} call by the dashboard's session cookie. A call that carries an
 * {@code Authorization} header, or no live session cookie, is left to the bearer-token check. A state-changing call
 * (anything but GET, HEAD and OPTIONS) made with the cookie must also carry {@code X-CSRF-Token} equal to the
 * session's token, compared in constant time, or it is refused with 403 {@code CSRF_REJECTED}: a cookie alone is
 * what a forged cross-site request would have.
 */
final class SessionAuth {
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final DashboardSessions sessions;

    SessionAuth(DashboardSessions sessions) {
        this.sessions = requireNonNull(sessions, "sessions");
    }

    /**
     * Whether the call is admitted by its session; false when it should go to the bearer-token check instead.
     *
     * @throws ApiException 403 {@code CSRF_REJECTED} for a state-changing call without the session's CSRF token
     */
    boolean admits(Context ctx) {
        if (ctx.header("Authorization") != null) {
            return false;
        }
        Optional<Session> session = sessions.find(ctx.cookie(SessionCookie.NAME));
        if (session.isEmpty()) {
            return false;
        }
        if (!SAFE_METHODS.contains(ctx.method().name()) && !session.get().csrfMatches(ctx.header(CSRF_HEADER))) {
            throw new ApiException(403, "CSRF_REJECTED", "This change came with the dashboard's session cookie "
                    + "but without its " + CSRF_HEADER + " header; reload the dashboard and try again");
        }
        return true;
    }
}
