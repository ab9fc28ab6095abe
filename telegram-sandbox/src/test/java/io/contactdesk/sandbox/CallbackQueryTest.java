package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.testsupport.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallbackQueryTest extends SandboxTestBase {

    private long botMessageId;

    @BeforeEach
    void botShowsAKeyboard() {
        long start = client.userWrites(USER, "/start");
        client.bot("getUpdates", Map.of("offset", start + 1));
        botMessageId = client.sendMessage(USER, Map.of("text", "page 1", "reply_markup", Map.of("inline_keyboard",
                List.of(List.of(Map.of("text", "Next", "callback_data", "page:2")))))).get("message_id").asLong();
        client.bot("editMessageText", Map.of("chat_id", USER, "message_id", botMessageId, "text", "page 1 (edited)",
                "reply_markup", Map.of("inline_keyboard",
                        List.of(List.of(Map.of("text", "Next", "callback_data", "page:2"))))));
    }

    @Test
    void pressingAButtonProducesACallbackQueryUpdateWithTheMessage() {
        SandboxClient.Answer pressed = client.post("users/" + USER + "/callbacks",
                Map.of("message_id", botMessageId, "data", "page:2"));

        JsonNode updates = client.bot("getUpdates", Map.of()).result();

        assertThat(pressed.status()).isEqualTo(200);
        assertThat(updates).hasSize(1);
        JsonNode query = updates.get(0).get("callback_query");
        assertThat(updates.get(0).get("update_id").asLong()).isEqualTo(pressed.body().get("update_id").asLong());
        assertThat(query.get("id").asText()).isEqualTo(pressed.body().get("callback_query_id").asText());
        assertThat(query.get("data").asText()).isEqualTo("page:2");
        assertThat(query.at("/from/id").asLong()).isEqualTo(USER);
        assertThat(query.get("chat_instance").asText()).isNotBlank();
        assertThat(query.at("/message/message_id").asLong()).isEqualTo(botMessageId);
        assertThat(query.at("/message/text").asText()).isEqualTo("page 1 (edited)");
        assertThat(query.at("/message/reply_markup/inline_keyboard/0/0/callback_data").asText()).isEqualTo("page:2");
    }

    @Test
    void pressingAButtonOnAnUnknownMessageIsNotFound() {
        SandboxClient.Answer pressed = client.post("users/" + USER + "/callbacks",
                Map.of("message_id", 9999, "data", "page:2"));

        assertThat(pressed.status()).isEqualTo(404);
        assertThat(pressed.body().get("error").asText()).isNotBlank();
    }

    @Test
    void aCallbackQueryIsAnsweredOnlyOnce() {
        String queryId = client.post("users/" + USER + "/callbacks", Map.of("message_id", botMessageId, "data", "x"))
                .body().get("callback_query_id").asText();

        SandboxClient.Answer first = client.bot("answerCallbackQuery",
                Map.of("callback_query_id", queryId, "text", "Done", "show_alert", true));
        SandboxClient.Answer second = client.bot("answerCallbackQuery", Map.of("callback_query_id", queryId));

        assertThat(first.result().asBoolean()).isTrue();
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.body().get("description").asText())
                .isEqualTo("Bad Request: query is too old and response timeout expired or query ID is invalid");
        JsonNode answers = client.get("chats/" + USER + "/callback-answers").body();
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).get("callback_query_id").asText()).isEqualTo(queryId);
        assertThat(answers.get(0).get("text").asText()).isEqualTo("Done");
        assertThat(answers.get(0).get("show_alert").asBoolean()).isTrue();
    }
}
