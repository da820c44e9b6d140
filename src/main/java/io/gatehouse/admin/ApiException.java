package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

/**
 * A request the admin API refuses, with the HTTP status, the error code and a message a person can act on. The
 * message never quotes a secret from the request.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    ApiException(int status, String code, String message) {
        super(requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.code = requireNonNull(code, "code");
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    static ApiException invalidRequest(String message) {
        return badRequest("INVALID_REQUEST", message);
    }

    static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
