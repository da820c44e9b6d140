package io.gatehouse.config;

import static java.util.Objects.requireNonNull;

/**
 * What a node reports at {@code /healthz}: {@code ok}, or {@code degraded} with a reason when the store cannot be
 * reached (the node still proxies with the configuration version it holds), and that version.
 */
public record NodeHealth(String status, long configVersion, String reason) {
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";

    public NodeHealth {
        requireNonNull(status, "status");
    }

    public static NodeHealth ok(long configVersion) {
        return new NodeHealth(OK, configVersion, null);
    }

    public static NodeHealth degraded(long configVersion, String reason) {
        return new NodeHealth(DEGRADED, configVersion, requireNonNull(reason, "reason"));
    }

    public boolean isDegraded() {
        return DEGRADED.equals(status);
    }
}
