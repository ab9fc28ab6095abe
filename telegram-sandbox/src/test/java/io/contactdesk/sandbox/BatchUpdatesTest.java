package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.testsupport.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /sandbox/updates}: many users' messages and taps in one request, for a load generator. */
class BatchUpdatesTest extends SandboxTestBase {

    @Test
    void aBatchQueuesEveryMessageInTheOrderGiven() {
        SandboxClient.Answer answer = client.post("updates", Map.of("updates", List.of(
                Map.of("user_id", 1, "text", "/start"), Map.of("user_id", 2, "text", "/balance"))));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode ids = answer.body().get("update_ids");
        assertThat(ids.get(1).asLong()).isEqualTo(ids.get(0).asLong() + 1);
        JsonNode updates = client.bot("getUpdates", Map.of()).result();
        assertThat(updates.get(0).at("/message/text").asText()).isEqualTo("/start");
        assertThat(updates.get(1).at("/message/from/id").asLong()).isEqualTo(2);
    }

    @Test
    void aBatchWithOneBadItemIsRefusedNamingItAndQueuesNothing() {
        SandboxClient.Answer answer = client.post("updates", Map.of("updates", List.of(
                Map.of("user_id", 1, "text", "/start"), Map.of("user_id", 2))));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asText()).contains("updates[1]").contains("text");
        assertThat(client.bot("getUpdates", Map.of()).result()).isEmpty();
    }

    @Test
    void aTapOnAMessageTheBotNeverSentIsNotFoundAndQueuesNothing() {
        SandboxClient.Answer answer = client.post("updates", Map.of("updates", List.of(
                Map.of("user_id", 1, "text", "/start"), Map.of("user_id", 1, "message_id", 99, "data", "x"))));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(client.bot("getUpdates", Map.of()).result()).isEmpty();
    }

    @Test
    void aTapInABatchIsACallbackQueryOnTheBotsMessage() {
        client.userWrites(USER, "/browse");
        long messageId = client.sendMessage(USER, Map.of("text", "pick")).get("message_id").asLong();
        client.bot("getUpdates", Map.of("offset", -1));

        SandboxClient.Answer answer = client.post("updates", Map.of("updates", List.of(
                Map.of("user_id", USER, "message_id", messageId, "data", "cat:1"))));

        long id = answer.body().get("update_ids").get(0).asLong();
        JsonNode update = client.bot("getUpdates", Map.of("offset", id)).result().get(0);
        assertThat(update.at("/callback_query/data").asText()).isEqualTo("cat:1");
    }
}
