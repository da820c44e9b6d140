package io.gatehouse.cli;

/** The admin API refused a call; the CLI prints the API's message and exits with code 1. */
final class ApiCallException extends RuntimeException {
    private final int status;
    private final String code;

    ApiCallException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
