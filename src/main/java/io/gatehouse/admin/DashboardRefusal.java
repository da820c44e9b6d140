package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

/**
 * A dashboard sign-in or session check that is refused, with the HTTP status and the error code of the API's error
 * answer. The message never quotes the token, cookie or CSRF value that was presented.
 */
final class DashboardRefusal extends RuntimeException {
    private final int status;
    private final String code;

    DashboardRefusal(int status, String code, String message) {
        super(requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.code = requireNonNull(code, "code");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
