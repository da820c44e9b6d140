package io.gatehouse.admin;

import io.gatehouse.admin.JsonViews.ErrorBody;
import io.gatehouse.cert.CertificateRejectedException;
import io.gatehouse.store.ConflictException;
import io.gatehouse.store.StoreUnavailableException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the API's error answer, {@code {"error": {"code", "message"}}}. Refusals of bad input are
 * 4xx; a 500 means a bug in Gatehouse and is logged at WARN with the exception's type and place only, because an
 * exception's message may quote what the request carried.
 */
final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(CertificateRejectedException.class,
                (e, ctx) -> answer(ctx, 400, e.error().name(), e.getMessage()));
        routes.exception(ConflictException.class, (e, ctx) -> answer(ctx, 409, e.code(), conflictMessage(e)));
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            log.warn("Admin API: the store is unreachable ({}); answering 503", e.getClass().getSimpleName());
            answer(ctx, 503, "STORE_UNAVAILABLE", "The database cannot be reached; retry when it is back");
        });
        routes.exception(HttpResponseException.class, ApiErrors::frameworkRefusal);
        routes.exception(Exception.class, (e, ctx) -> {
            StackTraceElement[] trace = e.getStackTrace();
            log.warn("Admin API: unexpected {} at {} on {} {}", e.getClass().getName(),
                    trace.length > 0 ? trace[0] : "?", ctx.method(), ctx.path());
            log.debug("Admin API: unexpected failure", e);
            answer(ctx, 500, "INTERNAL_ERROR", "Gatehouse failed to handle this request; see the node's log");
        });
    }

    static void answer(Context ctx, int status, String code, String message) {
        log.debug("Admin API: {} {} answered {} {}", ctx.method(), ctx.path(), status, code);
        ctx.status(status).json(ErrorBody.of(code, message));
    }

    private static void frameworkRefusal(HttpResponseException e, Context ctx) {
        switch (e.getStatus()) {
            case 404 -> answer(ctx, 404, "NOT_FOUND", "No such endpoint: " + ctx.method() + " " + ctx.path());
            case 405 -> answer(ctx, 405, "METHOD_NOT_ALLOWED", "Method " + ctx.method() + " is not allowed here");
            case 413 -> answer(ctx, 413, "PAYLOAD_TOO_LARGE", "The request body is over 1 MiB; send a smaller one");
            default -> answer(ctx, e.getStatus() >= 500 ? 500 : e.getStatus(), "INVALID_REQUEST",
                    "The request was refused (HTTP " + e.getStatus() + ")");
        }
    }

    private static String conflictMessage(ConflictException e) {
        List<String> ids = e.blockingIds();
        if (ids.isEmpty() || e.getMessage().contains(ids.get(0))) {
            return e.getMessage();
        }
        return e.getMessage() + " (" + String.join(", ", ids) + ")";
    }
}
