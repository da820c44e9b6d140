package io.gatehouse.admin;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing of the admin token at the dashboard's sign-in: after {@link #MAX_FAILURES} wrong tokens from one
 * client address within {@link #WINDOW}, further attempts from it are refused until the oldest of those failures has
 * left the window. Refused attempts are not checked against the token at all, so they teach nothing. A correct
 * token clears the address's record. The map is bounded by dropping the records of quiet addresses first.
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    /** How long the address must wait before its next attempt is checked; empty when it may try now. */
    public Optional<Duration> waitFor(String address) {
        requireNonNull(address, "address");
        Instant now = clock.instant();
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return Optional.empty();
        }
        synchronized (recent) {
            dropOld(recent, now);
            if (recent.size() < MAX_FAILURES) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, recent.peekFirst().plus(WINDOW)));
        }
    }

    /** Counts a wrong token from the address; true when this failure makes the address wait. */
    public boolean recordFailure(String address) {
        requireNonNull(address, "address");
        Instant now = clock.instant();
        if (failures.size() >= MAX_ADDRESSES) {
            purge(now);
        }
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            dropOld(recent, now);
            recent.addLast(now);
            return recent.size() == MAX_FAILURES;
        }
    }

    /** Forgets the address's failures after a correct token. */
    public void recordSuccess(String address) {
        failures.remove(requireNonNull(address, "address"));
    }

    private void purge(Instant now) {
        failures.values().removeIf(recent -> {
            synchronized (recent) {
                dropOld(recent, now);
                return recent.isEmpty();
            }
        });
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear();
        }
    }

    private static void dropOld(Deque<Instant> recent, Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }
}
