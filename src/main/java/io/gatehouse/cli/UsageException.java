package io.gatehouse.cli;

/** A command was given settings it cannot work with; the CLI prints the message and exits with code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
