package io.gatehouse.cli;

/** The admin API could not be reached at all; the CLI exits with code 3. */
final class AdminUnreachableException extends RuntimeException {
    AdminUnreachableException(String message) {
        super(message, null, false, false);
    }
}
