package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NoFloodLimitsTest extends SandboxTestBase {

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.disableFloodLimits();
    }

    @Test
    void disabledFloodLimitsNeverAnswerTooManyRequests() {
        client.userWrites(USER, "/start");

        for (int i = 0; i < 40; i++) {
            client.bot("sendMessage", Map.of("chat_id", USER, "text", "fast " + i));
        }

        assertThat(client.get("stats").body().get("too_many_requests").asInt()).isZero();
        assertThat(client.get("stats").body().at("/calls/sendMessage").asInt()).isEqualTo(40);
    }
}
