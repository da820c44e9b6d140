package io.gatehouse.cert;

/** Why an upload was refused; each maps to one row of the bad-input table and is the API's error code. */
public enum IntakeError {
    INVALID_CERTIFICATE,
    INVALID_PRIVATE_KEY,
    KEY_CERT_MISMATCH,
    PASSPHRASE_REQUIRED,
    WRONG_PASSPHRASE,
    CERTIFICATE_EXPIRED,
    NOT_A_CLIENT_CERTIFICATE,
    INVALID_CHAIN
}
