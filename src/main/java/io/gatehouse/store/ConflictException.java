package io.gatehouse.store;

import java.util.List;

/** A write that would break a rule of the store, such as deleting a route that still has certificates. */
public final class ConflictException extends RuntimeException {
    private final String code;
    private final List<String> blockingIds;

    public ConflictException(String code, String message, List<String> blockingIds) {
        super(message);
        this.code = code;
        this.blockingIds = List.copyOf(blockingIds);
    }

    /** The API error code, such as {@code CERTIFICATES_ATTACHED} or {@code DUPLICATE_CERTIFICATE}. */
    public String code() {
        return code;
    }

    /** Ids of the objects that stand in the way. */
    public List<String> blockingIds() {
        return blockingIds;
    }
}
