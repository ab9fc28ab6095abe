package io.contactdesk.contracts.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

    private final ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void ceilingDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(IntStream.rangeClosed(1, 9).mapToLong(backoff::ceilingMillis).toArray())
                .containsExactly(500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000);
    }

    @Test
    void jitterDrawsFromTheUpperHalfOfTheCeiling() {
        assertThat(backoff.delay(3, 0.0)).isEqualTo(Duration.ofMillis(1_000));
        assertThat(backoff.delay(3, 0.5)).isEqualTo(Duration.ofMillis(1_500));
        assertThat(backoff.delay(3, 0.999_999)).isEqualTo(Duration.ofMillis(1_999));
    }

    @Test
    void neverExceedsTheMaximumHoweverManyRetries() {
        assertThat(backoff.delay(1_000, 0.999_999)).isLessThan(Duration.ofSeconds(30));
        assertThat(backoff.delay(Integer.MAX_VALUE, 0.0)).isEqualTo(Duration.ofSeconds(15));
    }
}
