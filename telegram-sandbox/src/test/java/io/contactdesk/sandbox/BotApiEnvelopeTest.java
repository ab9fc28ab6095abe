package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testsupport.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotApiEnvelopeTest extends SandboxTestBase {

    @Test
    void wrongTokenIsUnauthorized() {
        SandboxClient.Answer answer = client.botWithToken("100000001:wrong", "getMe", Map.of());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().get("ok").asBoolean()).isFalse();
        assertThat(answer.body().get("error_code").asInt()).isEqualTo(401);
        assertThat(answer.body().get("description").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void unknownMethodIsNotFound() {
        SandboxClient.Answer answer = client.bot("sendTelepathy", Map.of());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().get("description").asText()).isEqualTo("Not Found");
    }

    @Test
    void getMeDescribesTheBotFromTheToken() {
        SandboxClient.Answer answer = client.botGet("getMe");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("ok").asBoolean()).isTrue();
        assertThat(answer.result().get("id").asLong()).isEqualTo(100000001L);
        assertThat(answer.result().get("is_bot").asBoolean()).isTrue();
        assertThat(answer.result().get("username").asText()).isEqualTo("contactdesk_bot");
    }

    @Test
    void methodNamesAreCaseInsensitive() {
        assertThat(client.bot("GETME", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void setMyCommandsIsStoredAndReadBack() {
        client.bot("setMyCommands", Map.of("commands", List.of(Map.of("command", "start", "description", "Begin"))));

        SandboxClient.Answer commands = client.bot("getMyCommands", Map.of());

        assertThat(commands.result().get(0).get("command").asText()).isEqualTo("start");
    }

    @Test
    void eachCommandScopeKeepsItsOwnList() {
        client.bot("setMyCommands", Map.of("commands", List.of(Map.of("command", "help", "description", "Help"))));
        client.bot("setMyCommands", Map.of("commands", List.of(Map.of("command", "grant", "description", "Grant")),
                "scope", Map.of("type", "chat", "chat_id", 42)));

        assertThat(client.bot("getMyCommands", Map.of()).result().get(0).get("command").asText()).isEqualTo("help");
        assertThat(client.bot("getMyCommands", Map.of("scope", Map.of("type", "chat", "chat_id", 42))).result()
                .get(0).get("command").asText()).isEqualTo("grant");
        assertThat(client.bot("getMyCommands", Map.of("scope", Map.of("type", "chat", "chat_id", 43))).result())
                .isEmpty();
    }

    @Test
    void baseUrlUsesTheBoundPort() {
        assertThat(sandbox.baseUrl()).isEqualTo("http://localhost:" + sandbox.port());
        assertThat(sandbox.port()).isPositive();
        assertThat(sandbox.token()).isEqualTo(TelegramSandbox.DEFAULT_TOKEN);
    }

    @Test
    void closeIsIdempotent() {
        sandbox.close();

        sandbox.close();
    }
}
