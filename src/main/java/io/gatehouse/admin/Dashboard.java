package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.function.Predicate;

/**
 * The web dashboard on the admin listener: its assets at {@code /}, sign-in at {@code /ui/session}, and the session
 * check that lets the dashboard call the {@code /api/} endpoints with its cookie and CSRF token instead of the bearer
 * token. The admin server installs it and asks {@link #admitsBySession} before its bearer-token check.
 */
public final class Dashboard {
    private final DashboardSessions sessions;
    private final LoginThrottle throttle;
    private final Predicate<String> adminToken;
    private final SessionAuth sessionAuth;

    /**
     * @param adminToken whether a presented text is the admin token (a constant-time comparison)
     */
    public Dashboard(Predicate<String> adminToken, Clock clock) {
        this.adminToken = requireNonNull(adminToken, "adminToken");
        this.sessions = new DashboardSessions(requireNonNull(clock, "clock"));
        this.throttle = new LoginThrottle(clock);
        this.sessionAuth = new SessionAuth(sessions);
    }

    /** Adds the assets and the sign-in endpoints to the admin server's config; refusals are {@link ApiException}s. */
    public void install(JavalinConfig config) {
        requireNonNull(config, "config");
        DashboardAssets.register(config);
        config.routes.before(SessionEndpoints.PATH, ctx -> DashboardAssets.SECURITY_HEADERS.forEach(ctx::header));
        new SessionEndpoints(adminToken, sessions, throttle).register(config.routes);
    }

    /**
     * Whether an {@code /api/} call is admitted by a dashboard session; false means the bearer-token check decides.
     * Throws the refusal (403 {@code CSRF_REJECTED}) that a session call without its CSRF token gets.
     */
    public boolean admitsBySession(Context ctx) {
        return sessionAuth.admits(requireNonNull(ctx, "ctx"));
    }
}
