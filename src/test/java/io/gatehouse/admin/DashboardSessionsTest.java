package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.admin.DashboardSessions.Created;
import io.gatehouse.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DashboardSessionsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DashboardSessions sessions = new DashboardSessions(clock);

    @Test
    void create_givesDistinctUnguessableIdsAndCsrfTokens() {
        Created first = sessions.create();
        Created second = sessions.create();

        assertThat(first.id()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(second.id());
        assertThat(first.session().csrfToken()).hasSizeGreaterThanOrEqualTo(43)
                .isNotEqualTo(second.session().csrfToken()).isNotEqualTo(first.id());
        assertThat(sessions.find(first.id())).contains(sessions.find(first.id()).orElseThrow());
    }

    @Test
    void find_unknownOrEmptyId_isEmpty() {
        sessions.create();

        assertThat(sessions.find("nope")).isEmpty();
        assertThat(sessions.find("")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void find_afterIdleTimeout_isEmpty() {
        Created created = sessions.create();

        clock.advance(DashboardSessions.IDLE_TIMEOUT.minusSeconds(1));
        assertThat(sessions.find(created.id())).isPresent();
        clock.advance(DashboardSessions.IDLE_TIMEOUT);
        assertThat(sessions.find(created.id())).isEmpty();
    }

    @Test
    void find_pastMaxAge_isEmptyEvenWhenUsedAllAlong() {
        Created created = sessions.create();

        Duration step = Duration.ofMinutes(20);
        for (Duration used = Duration.ZERO; used.compareTo(DashboardSessions.MAX_AGE) < 0; used = used.plus(step)) {
            assertThat(sessions.find(created.id())).isPresent();
            clock.advance(step);
        }

        assertThat(sessions.find(created.id())).isEmpty();
    }

    @Test
    void remove_endsTheSession() {
        Created created = sessions.create();

        sessions.remove(created.id());

        assertThat(sessions.find(created.id())).isEmpty();
    }

    @Test
    void csrfMatches_onlyTheSessionsToken() {
        Created created = sessions.create();
        String token = created.session().csrfToken();

        assertThat(created.session().csrfMatches(token)).isTrue();
        assertThat(created.session().csrfMatches(token + "x")).isFalse();
        assertThat(created.session().csrfMatches("")).isFalse();
        assertThat(created.session().csrfMatches(null)).isFalse();
        assertThat(created.session().toString()).doesNotContain(token);
        assertThat(created.toString()).doesNotContain(created.id());
    }
}
