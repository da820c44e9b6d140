package io.gatehouse.store;

import java.time.Instant;

/**
 * One entry of a vault's append-only audit log: who did what to which object, and when. Never carries a secret.
 *
 * @param action for example {@code certificate.created}
 * @param objectType {@code vault}, {@code credential}, {@code route} or {@code certificate}
 */
public record AuditEvent(long sequence, String vaultId, String actor, String action, String objectType,
                         String objectId, Instant at) {
}
