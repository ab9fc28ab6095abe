package io.contactdesk.contracts.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffStepsTest {

    @Test
    void waitsDoubleUpToTheMaximumAndStartOverAfterASuccess() {
        ExponentialBackoff.Steps backoff = new ExponentialBackoff(Duration.ofMillis(500), Duration.ofSeconds(2)).steps();

        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }
}
