package io.gatehouse.store;

/** The database cannot be reached; the admin API answers 503 and the proxies keep their last configuration. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
