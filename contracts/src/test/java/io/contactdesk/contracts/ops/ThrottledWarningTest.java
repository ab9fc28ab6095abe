package io.contactdesk.contracts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledWarningTest {

    @Test
    void logsAtMostOncePerInterval() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
        ThrottledWarning warning = new ThrottledWarning(LoggerFactory.getLogger(getClass()), Duration.ofMinutes(1),
                clock);

        assertThat(warning.warn("broker away", null)).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(warning.warn("broker away", null)).isFalse();
        clock.advance(Duration.ofSeconds(49));
        assertThat(warning.warn("broker away", null)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(warning.warn("broker away", null)).isTrue();
    }

    @Test
    void describesTheCauseChainOnOneLine() {
        Exception cause = new IllegalStateException("outer", new IOException("refused"));

        assertThat(ThrottledWarning.describe(cause))
                .isEqualTo("IllegalStateException: outer <- IOException: refused");
    }
}
