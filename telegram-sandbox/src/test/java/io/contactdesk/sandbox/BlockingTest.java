package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testsupport.SandboxClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockingTest extends SandboxTestBase {

    @BeforeEach
    void userOpensTheBot() {
        client.userWrites(USER, "/start");
    }

    @Test
    void sendingToAUserWhoBlockedTheBotIsForbidden() {
        client.post("users/" + USER + "/block", Map.of());

        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", USER, "text", "hi"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().get("description").asText()).isEqualTo("Forbidden: bot was blocked by the user");
        assertThat(client.get("stats").body().get("forbidden").asInt()).isEqualTo(1);
    }

    @Test
    void sendingWorksAgainAfterUnblock() {
        client.post("users/" + USER + "/block", Map.of());

        client.post("users/" + USER + "/unblock", Map.of());

        assertThat(client.bot("sendMessage", Map.of("chat_id", USER, "text", "hi")).status()).isEqualTo(200);
    }

    @Test
    void writingToTheBotDoesNotUnblock() {
        client.post("users/" + USER + "/block", Map.of());

        client.userWrites(USER, "hello again");

        assertThat(client.bot("sendMessage", Map.of("chat_id", USER, "text", "hi")).status()).isEqualTo(403);
    }
}
