package io.contactdesk.sandbox.flood;

import io.contactdesk.sandbox.FloodLimits;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FloodControlTest {

    private final AtomicLong nanos = new AtomicLong();
    private final FloodControl flood = new FloodControl(FloodLimits.of(1.0, 5, 30.0), nanos::get);

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
}
