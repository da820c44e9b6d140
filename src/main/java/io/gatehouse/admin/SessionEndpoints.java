package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import io.gatehouse.admin.DashboardSessions.Created;
import io.gatehouse.admin.DashboardSessions.Session;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in to and out of the dashboard with the admin token.
 *
 * <pre>
 * curl -c jar -H 'Content-Type: application/json' -d '{"token":"..."}' http://127.0.0.1:9090/ui/session
 *   -> 201 {"csrfToken": "..."} and Set-Cookie: gatehouse_session=...; Path=/; HttpOnly; SameSite=Strict
 * curl -b jar http://127.0.0.1:9090/ui/session                  -> 200 {"csrfToken": "..."} while signed in
 * curl -b jar -X DELETE -H 'X-CSRF-Token: ...' .../ui/session  -> 204, the session ends
 * </pre>
 *
 * A wrong token answers 401; after too many from one address, 429 with {@code Retry-After} (see
 * {@link LoginThrottle}). The token is compared in constant time and never logged or echoed.
 */
final class SessionEndpoints {
    static final String PATH = "/ui/session";
    private static final Logger log = LoggerFactory.getLogger(SessionEndpoints.class);

    private final Predicate<String> adminToken;
    private final DashboardSessions sessions;
    private final LoginThrottle throttle;

    SessionEndpoints(Predicate<String> adminToken, DashboardSessions sessions, LoginThrottle throttle) {
        this.adminToken = requireNonNull(adminToken, "adminToken");
        this.sessions = requireNonNull(sessions, "sessions");
        this.throttle = requireNonNull(throttle, "throttle");
    }

    void register(RoutesConfig routes) {
        routes.before(PATH, ctx -> ctx.header("Cache-Control", "no-store"));
        routes.post(PATH, this::signIn);
        routes.get(PATH, this::current);
        routes.delete(PATH, this::signOut);
    }

    private void signIn(Context ctx) {
        String address = ctx.ip();
        Optional<Duration> wait = throttle.waitFor(address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "TOO_MANY_ATTEMPTS", "Too many wrong admin tokens from this address; "
                    + "wait " + seconds + " seconds before trying again");
        }
        if (!adminToken.test(presentedToken(ctx))) {
            throw wrongToken(address);
        }
        throttle.recordSuccess(address);
        Created created = sessions.create();
        SessionCookie.set(ctx, created.id());
        ctx.status(201).json(Map.of("csrfToken", created.session().csrfToken()));
    }

    private ApiException wrongToken(String address) {
        log.debug("Dashboard sign-in from {} refused: wrong admin token", address);
        if (throttle.recordFailure(address)) {
            log.warn("Dashboard sign-in from {} paused for {}s after {} wrong admin tokens; if this is not an "
                    + "operator, someone is guessing the token", address, LoginThrottle.WINDOW.toSeconds(),
                    LoginThrottle.MAX_FAILURES);
        }
        return new ApiException(401, "INVALID_TOKEN", "That is not the admin token. It is in "
                + "GATEHOUSE_ADMIN_TOKEN or in the file <data-dir>/admin-token of the node");
    }

    private void current(Context ctx) {
        Session session = sessions.find(ctx.cookie(SessionCookie.NAME)).orElseThrow(SessionEndpoints::noSession);
        ctx.json(Map.of("csrfToken", session.csrfToken()));
    }

    private void signOut(Context ctx) {
        String id = ctx.cookie(SessionCookie.NAME);
        Session session = sessions.find(id).orElseThrow(SessionEndpoints::noSession);
        if (!session.csrfMatches(ctx.header(SessionAuth.CSRF_HEADER))) {
            throw new ApiException(403, "CSRF_REJECTED", "Signing out needs the session's "
                    + SessionAuth.CSRF_HEADER + " header; reload the dashboard and try again");
        }
        sessions.remove(id);
        SessionCookie.clear(ctx);
        ctx.status(204);
    }

    private static String presentedToken(Context ctx) {
        try {
            SignIn form = ctx.bodyAsClass(SignIn.class);
            return form == null || form.token() == null ? "" : form.token().strip();
        } catch (RuntimeException e) {
            throw new ApiException(400, "INVALID_REQUEST", "Send the admin token as JSON: {\"token\": \"...\"}");
        }
    }

    private static ApiException noSession() {
        return new ApiException(401, "NO_SESSION", "Not signed in, or the session has ended; sign in again");
    }

    /** The sign-in form. */
    record SignIn(String token) {
        @Override
        public String toString() {
            return "SignIn[token=****]";
        }
    }
}
