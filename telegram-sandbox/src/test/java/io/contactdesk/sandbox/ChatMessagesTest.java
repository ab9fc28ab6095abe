package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.testsupport.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatMessagesTest extends SandboxTestBase {

    private static final Map<String, Object> KEYBOARD = Map.of("inline_keyboard",
            List.of(List.of(Map.of("text", "Next", "callback_data", "page:2"))));

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.disableFloodLimits();
    }

    @BeforeEach
    void userOpensTheBot() {
        client.userWrites(USER, "/start");
    }

    @Test
    void sentMessageShowsInTheChatHistory() {
        JsonNode sent = client.sendMessage(USER, Map.of("text", "<b>Hi</b>", "parse_mode", "HTML",
                "reply_markup", KEYBOARD));

        JsonNode history = client.get("chats/" + USER + "/messages").body();

        assertThat(history).hasSize(1);
        JsonNode message = history.get(0);
        assertThat(message.get("message_id").asLong()).isEqualTo(sent.get("message_id").asLong());
        assertThat(message.get("text").asText()).isEqualTo("<b>Hi</b>");
        assertThat(message.get("parse_mode").asText()).isEqualTo("HTML");
        assertThat(message.at("/reply_markup/inline_keyboard/0/0/callback_data").asText()).isEqualTo("page:2");
        assertThat(message.get("sent_at").asText()).isNotBlank();
        assertThat(message.get("edited_at").isNull()).isTrue();
        assertThat(message.get("edits").asInt()).isZero();
        assertThat(message.get("deleted").asBoolean()).isFalse();
    }

    @Test
    void messageIdsIncreaseWithinAChat() {
        long first = client.sendMessage(USER, Map.of("text", "one")).get("message_id").asLong();

        long second = client.sendMessage(USER, Map.of("text", "two")).get("message_id").asLong();

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void editMessageTextChangesTheTextInPlace() {
        long id = client.sendMessage(USER, Map.of("text", "page 1", "reply_markup", KEYBOARD))
                .get("message_id").asLong();

        SandboxClient.Answer edit = client.bot("editMessageText",
                Map.of("chat_id", USER, "message_id", id, "text", "page 2", "reply_markup", KEYBOARD));

        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.result().get("message_id").asLong()).isEqualTo(id);
        assertThat(edit.result().get("text").asText()).isEqualTo("page 2");
        assertThat(edit.result().has("edit_date")).isTrue();
        JsonNode history = client.get("chats/" + USER + "/messages").body();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("text").asText()).isEqualTo("page 2");
        assertThat(history.get(0).get("edits").asInt()).isEqualTo(1);
        assertThat(history.get(0).get("edited_at").isTextual()).isTrue();
    }

    @Test
    void editWithIdenticalContentIsNotModified() {
        long id = client.sendMessage(USER, Map.of("text", "same", "reply_markup", KEYBOARD))
                .get("message_id").asLong();

        SandboxClient.Answer edit = client.bot("editMessageText",
                Map.of("chat_id", USER, "message_id", id, "text", "same", "reply_markup", KEYBOARD));

        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.body().get("description").asText()).isEqualTo("Bad Request: message is not modified: "
                + "specified new message content and reply markup are exactly the same as a current content and "
                + "reply markup of the message");
    }

    @Test
    void editingAnUnknownMessageIsRefused() {
        SandboxClient.Answer edit = client.bot("editMessageText",
                Map.of("chat_id", USER, "message_id", 9999, "text", "x"));

        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.body().get("description").asText()).isEqualTo("Bad Request: message to edit not found");
    }

    @Test
    void editMessageReplyMarkupRemovesTheKeyboard() {
        long id = client.sendMessage(USER, Map.of("text", "menu", "reply_markup", KEYBOARD))
                .get("message_id").asLong();

        SandboxClient.Answer edit = client.bot("editMessageReplyMarkup", Map.of("chat_id", USER, "message_id", id));

        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.result().has("reply_markup")).isFalse();
        assertThat(client.get("chats/" + USER + "/messages").body().get(0).get("reply_markup").isNull()).isTrue();
    }

    @Test
    void deletedMessageIsMarkedAndCannotBeEdited() {
        long id = client.sendMessage(USER, Map.of("text", "bye")).get("message_id").asLong();

        SandboxClient.Answer delete = client.bot("deleteMessage", Map.of("chat_id", USER, "message_id", id));

        assertThat(delete.result().asBoolean()).isTrue();
        assertThat(client.get("chats/" + USER + "/messages").body().get(0).get("deleted").asBoolean()).isTrue();
        assertThat(client.bot("editMessageText", Map.of("chat_id", USER, "message_id", id, "text", "x")).status())
                .isEqualTo(400);
    }

    @Test
    void sendChatActionAnswersTrue() {
        SandboxClient.Answer answer = client.bot("sendChatAction", Map.of("chat_id", USER, "action", "typing"));

        assertThat(answer.result().asBoolean()).isTrue();
    }
}
