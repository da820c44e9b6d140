package io.gatehouse.cert;

import static java.util.Objects.requireNonNull;

/**
 * An upload that cannot be accepted, with the error code and a message that tells the user how to fix it. The
 * message never quotes the uploaded key or passphrase.
 */
public final class CertificateRejectedException extends Exception {
    private final IntakeError error;

    public CertificateRejectedException(IntakeError error, String message) {
        super(requireNonNull(message, "message"), null, false, false);
        this.error = requireNonNull(error, "error");
    }

    public IntakeError error() {
        return error;
    }
}
