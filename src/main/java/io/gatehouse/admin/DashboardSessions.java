package io.gatehouse.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's signed-in sessions, held in this node's memory. A session id and its CSRF token are 256 random bits
 * each; a session ends after {@link #IDLE_TIMEOUT} without use, after {@link #MAX_AGE} in any case, or when signed
 * out. The map is bounded: past {@link #MAX_SESSIONS} the least recently used session is dropped. Ids are kept only
 * as their SHA-256, so a heap dump does not hand out usable cookies.
 */
public final class DashboardSessions {
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration MAX_AGE = Duration.ofHours(12);
    static final int MAX_SESSIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public DashboardSessions(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /** A new session and the cookie value that names it; the value is not kept. */
    public Created create() {
        Instant now = clock.instant();
        purge(now);
        String id = randomToken();
        Session session = new Session(randomToken(), now, now);
        sessions.put(key(id), session);
        return new Created(id, session);
    }

    /** The live session that the cookie value names, its idle time restarted; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session found = sessions.computeIfPresent(key(id), (k, s) -> s.expired(now) ? null : s.touched(now));
        return Optional.ofNullable(found);
    }

    /** Ends the session the cookie value names, if any. */
    public void remove(String id) {
        if (id != null && !id.isEmpty()) {
            sessions.remove(key(id));
        }
    }

    int size() {
        return sessions.size();
    }

    private void purge(Instant now) {
        sessions.values().removeIf(s -> s.expired(now));
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream()
                    .min(Comparator.comparing(e -> e.getValue().lastUsed()))
                    .ifPresent(e -> sessions.remove(e.getKey(), e.getValue()));
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** One session: the CSRF token every state-changing call must carry, and when it began and was last used. */
    public record Session(String csrfToken, Instant createdAt, Instant lastUsed) {
        boolean expired(Instant now) {
            return !now.isBefore(lastUsed.plus(IDLE_TIMEOUT)) || !now.isBefore(createdAt.plus(MAX_AGE));
        }

        Session touched(Instant now) {
            return new Session(csrfToken, createdAt, now);
        }

        /** Whether the presented token is this session's, in time that does not depend on where they differ. */
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(
                    csrfToken.getBytes(UTF_8),
                    presented.getBytes(UTF_8));
        }

        @Override
        public String toString() {
            return "Session[csrfToken=****, createdAt=" + createdAt + ", lastUsed=" + lastUsed + "]";
        }
    }

    /** A session just made, with its cookie value. */
    public record Created(String id, Session session) {
        @Override
        public String toString() {
            return "Created[id=****, session=" + session + "]";
        }
    }
}
