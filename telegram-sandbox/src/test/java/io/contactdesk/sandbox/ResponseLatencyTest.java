package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configured round trip holds back every Bot API answer, as the distance to Telegram's servers would. */
class ResponseLatencyTest extends SandboxTestBase {

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.responseLatency(Duration.ofMillis(150));
    }

    @Test
    void everyBotApiAnswerTakesAtLeastTheConfiguredRoundTrip() {
        long started = System.nanoTime();
        client.bot("getMe", Map.of());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
}
