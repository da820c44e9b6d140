package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void waitFor_belowTheLimit_isEmpty() {
        failTimes("10.0.0.1", LoginThrottle.MAX_FAILURES - 1);

        assertThat(throttle.waitFor("10.0.0.1")).isEmpty();
    }

    @Test
    void waitFor_atTheLimit_lastsUntilTheOldestFailureLeavesTheWindow() {
        failTimes("10.0.0.1", 1);
        clock.advance(Duration.ofSeconds(20));
        failTimes("10.0.0.1", LoginThrottle.MAX_FAILURES - 1);

        assertThat(throttle.waitFor("10.0.0.1")).contains(Duration.ofSeconds(40));
        clock.advance(Duration.ofSeconds(40));
        assertThat(throttle.waitFor("10.0.0.1")).isEmpty();
    }

    @Test
    void recordFailure_reportsTheFailureThatStartsTheWait() {
        failTimes("10.0.0.1", LoginThrottle.MAX_FAILURES - 1);

        assertThat(throttle.recordFailure("10.0.0.1")).isTrue();
        assertThat(throttle.recordFailure("10.0.0.1")).isFalse();
    }

    @Test
    void waitFor_anotherAddress_isNotHeldBack() {
        failTimes("10.0.0.1", LoginThrottle.MAX_FAILURES);

        assertThat(throttle.waitFor("10.0.0.1")).isPresent();
        assertThat(throttle.waitFor("10.0.0.2")).isEmpty();
    }

    @Test
    void recordSuccess_clearsTheAddressFailures() {
        failTimes("10.0.0.1", LoginThrottle.MAX_FAILURES - 1);

        throttle.recordSuccess("10.0.0.1");
        failTimes("10.0.0.1", 1);

        assertThat(throttle.waitFor("10.0.0.1")).isEmpty();
    }

    private void failTimes(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(address);
        }
    }
}
