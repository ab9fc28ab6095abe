package io.contactdesk.ops.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T23:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(1), Duration.ofSeconds(8), clock);

    @Test
    void afterTheFreeTriesEachFailureDoublesTheWaitUpToTheMaximum() {
        for (int i = 0; i < 2; i++) {
            assertThat(throttle.begin("a")).isEmpty();
        }
        assertThat(throttle.begin("a")).isEmpty(); // the third failure starts the wait
        assertThat(throttle.begin("a")).contains(Duration.ofSeconds(1));

        for (Duration expected : new Duration[] {Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(8)}) {
            clock.advance(throttle.begin("a").orElseThrow());
            assertThat(throttle.begin("a")).isEmpty();
            assertThat(throttle.begin("a")).contains(expected);
        }
    }

    @Test
    void aSuccessForgivesTheAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.begin("a");
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.begin("a")).isEmpty();

        throttle.succeeded("a");

        assertThat(throttle.begin("a")).isEmpty();
        assertThat(throttle.begin("a")).isEmpty();
    }

    @Test
    void aQuietAddressIsForgottenAfterTwiceTheLongestWait() {
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(9));
            throttle.begin("a");
        }

        clock.advance(Duration.ofSeconds(17));

        assertThat(throttle.begin("a")).isEmpty();
        assertThat(throttle.begin("a")).isEmpty();
    }

    @Test
    void addressesAreThrottledApart() {
        for (int i = 0; i < 10; i++) {
            throttle.begin("attacker");
        }

        assertThat(throttle.begin("operator")).isEmpty();
    }
}
