package io.gatehouse.upstream;

/** The TLS context of an exchange could not be made (unreadable chain, key or CA certificates). */
final class TlsSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TlsSetupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
