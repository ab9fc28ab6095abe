package io.contactdesk.sandbox.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.sandbox.FloodLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TelegramFloodLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TelegramFloodLimiter flood = new TelegramFloodLimiter(FloodLimits.of(1.0, 5, 30.0), nanos::get,
            Clock.fixed(Instant.parse("2026-12-06T05:00:00Z"), ZoneOffset.UTC));

    @Test
    void aChatMayBurstThenMustWait() {
        for (int i = 0; i < 5; i++) {
            assertThat(flood.acquire(1)).isEmpty();
        }

        OptionalLong refused = flood.acquire(1);

        assertThat(refused).hasValue(1);
    }

    @Test
    void tokensComeBackWithTime() {
        for (int i = 0; i < 5; i++) {
            flood.acquire(1);
        }

        nanos.addAndGet(1_000_000_000L);

        assertThat(flood.acquire(1)).isEmpty();
    }

    @Test
    void theGlobalLimitSpansChats() {
        for (int chat = 0; chat < 30; chat++) {
            assertThat(flood.acquire(chat)).isEmpty();
        }

        assertThat(flood.acquire(99)).isPresent();
    }

    @Test
    void aRefusalRemembersWhichLimitWasExhausted() {
        for (int i = 0; i < 5; i++) {
            flood.acquire(1);
        }
        flood.acquire(1);
        for (int chat = 2; chat < 27; chat++) {
            flood.acquire(chat);
        }
        flood.acquire(99);

        assertThat(flood.refusals()).containsExactly(
                new FloodRefusal(Instant.parse("2026-12-06T05:00:00Z"), 1, "chat", 1),
                new FloodRefusal(Instant.parse("2026-12-06T05:00:00Z"), 99, "global", 1));
    }

    @Test
    void callsWithinTheLimitsAreNotRefusals() {
        flood.acquire(1);

        assertThat(flood.refusals()).isEmpty();
    }
}
