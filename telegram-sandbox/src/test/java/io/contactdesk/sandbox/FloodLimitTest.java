package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testsupport.SandboxClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FloodLimitTest extends SandboxTestBase {

    @Test
    void floodingAChatAnswersTooManyRequestsWithRetryAfter() {
        client.userWrites(USER, "/start");

        List<SandboxClient.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(client.bot("sendMessage", Map.of("chat_id", USER, "text", "spam " + i)));
        }

        SandboxClient.Answer refused = answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow();
        assertThat(answers.stream().filter(a -> a.status() == 200).count()).isBetween(5L, 6L);
        assertThat(refused.body().get("error_code").asInt()).isEqualTo(429);
        long retryAfter = refused.body().at("/parameters/retry_after").asLong();
        assertThat(retryAfter).isPositive();
        assertThat(refused.body().get("description").asText()).isEqualTo("Too Many Requests: retry after " + retryAfter);
        assertThat(client.get("stats").body().get("too_many_requests").asInt()).isPositive();
    }

    @Test
    void floodingOneChatDoesNotThrottleAnother() {
        client.userWrites(USER, "/start");
        client.userWrites(USER + 1, "/start");
        for (int i = 0; i < 8; i++) {
            client.bot("sendMessage", Map.of("chat_id", USER, "text", "spam " + i));
        }

        SandboxClient.Answer other = client.bot("sendMessage", Map.of("chat_id", USER + 1, "text", "hello"));

        assertThat(other.status()).isEqualTo(200);
    }
}
