package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testsupport.SandboxClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest extends SandboxTestBase {

    @BeforeEach
    void userOpensTheBot() {
        client.userWrites(USER, "/start");
    }

    @Test
    void armedFaultAnswersTheNextCallsThenStops() {
        client.post("faults", Map.of("method", "sendMessage", "status", 502, "count", 2));

        SandboxClient.Answer first = client.bot("sendMessage", Map.of("chat_id", USER, "text", "a"));
        SandboxClient.Answer second = client.bot("sendMessage", Map.of("chat_id", USER, "text", "b"));
        SandboxClient.Answer third = client.bot("sendMessage", Map.of("chat_id", USER, "text", "c"));

        assertThat(first.status()).isEqualTo(502);
        assertThat(first.body().get("ok").asBoolean()).isFalse();
        assertThat(first.body().get("error_code").asInt()).isEqualTo(502);
        assertThat(second.status()).isEqualTo(502);
        assertThat(third.status()).isEqualTo(200);
        assertThat(client.get("chats/" + USER + "/messages").body()).hasSize(1);
    }

    @Test
    void injectedTooManyRequestsCarriesRetryAfter() {
        client.post("faults", Map.of("method", "sendMessage", "status", 429, "count", 1, "retry_after", 7));

        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", USER, "text", "a"));

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.body().at("/parameters/retry_after").asInt()).isEqualTo(7);
        assertThat(answer.body().get("description").asText()).isEqualTo("Too Many Requests: retry after 7");
    }

    @Test
    void deletingFaultsDisarmsThem() {
        client.post("faults", Map.of("method", "sendMessage", "status", 500, "count", 5));

        client.delete("faults");

        assertThat(client.bot("sendMessage", Map.of("chat_id", USER, "text", "a")).status()).isEqualTo(200);
    }

    @Test
    void faultsOnlyHitTheirMethod() {
        client.post("faults", Map.of("method", "sendMessage", "status", 500));

        assertThat(client.bot("getMe", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aFaultWithoutStatusIsBadControlInput() {
        SandboxClient.Answer answer = client.post("faults", Map.of("method", "sendMessage"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asText()).contains("status");
    }

    @Test
    void swallowedMessageIsAnsweredOkButNeverReachesTheChat() {
        client.post("record-faults", Map.of("effect", "swallow"));

        SandboxClient.Answer swallowed = client.bot("sendMessage", Map.of("chat_id", USER, "text", "a"));
        client.bot("sendMessage", Map.of("chat_id", USER, "text", "b"));

        assertThat(swallowed.status()).isEqualTo(200);
        assertThat(swallowed.result().get("message_id").asLong()).isPositive();
        assertThat(client.get("chats/" + USER + "/messages").body()).hasSize(1);
        assertThat(client.get("chats/" + USER + "/messages").body().get(0).get("text").asText()).isEqualTo("b");
    }

    @Test
    void duplicatedMessageIsAnsweredOnceButShowsTwice() {
        client.post("record-faults", Map.of("effect", "duplicate"));

        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", USER, "text", "a"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(client.get("chats/" + USER + "/messages").body()).extracting(m -> m.get("text").asText())
                .containsExactly("a", "a");
    }

    @Test
    void lateAnswerIsSentFirstAndAnsweredAfterTheDelay() {
        client.post("record-faults", Map.of("effect", "late", "delay_ms", 300));

        long started = System.nanoTime();
        client.bot("sendMessage", Map.of("chat_id", USER, "text", "a"));

        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(300_000_000L);
        assertThat(client.get("chats/" + USER + "/messages").body()).hasSize(1);
    }

    @Test
    void injectedFaultsAreCountedApartFromFloodWaits() {
        client.post("faults", Map.of("method", "sendMessage", "status", 429, "count", 2, "retry_after", 1));

        client.bot("sendMessage", Map.of("chat_id", USER, "text", "a"));
        client.bot("sendMessage", Map.of("chat_id", USER, "text", "b"));

        assertThat(client.get("stats").body().at("/faults_injected/429").asLong()).isEqualTo(2);
        assertThat(client.get("stats").body().get("too_many_requests").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownRecordFaultIsBadControlInput() {
        SandboxClient.Answer answer = client.post("record-faults", Map.of("effect", "vanish"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asText()).contains("swallow");
    }
}
