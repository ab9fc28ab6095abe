package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatHistoryTest extends SandboxTestBase {

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.disableFloodLimits();
    }

    @Test
    void historyHasBothSidesOfTheChatInOrder() {
        client.userWrites(USER, "/start");
        client.sendMessage(USER, Map.of("text", "<b>Welcome</b>", "parse_mode", "HTML"));
        client.userWrites(USER, "/help");

        JsonNode history = client.get("chats/" + USER + "/history").body();

        JsonNode messages = history.get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.findValuesAsText("from")).containsExactly("user", "bot", "user");
        assertThat(messages.findValuesAsText("text")).containsExactly("/start", "<b>Welcome</b>", "/help");
        assertThat(messages.get(0).get("message_id").asLong()).isLessThan(messages.get(1).get("message_id").asLong());
        assertThat(messages.get(1).get("message_id").asLong()).isLessThan(messages.get(2).get("message_id").asLong());
        assertThat(messages.get(1).get("parse_mode").asText()).isEqualTo("HTML");
        assertThat(messages.get(1).get("plain_text").asText()).isEqualTo("Welcome");
        assertThat(messages.get(0).get("sent_at").asText()).isNotBlank();
        assertThat(history.get("blocked").asBoolean()).isFalse();
    }

    @Test
    void historyShowsEditsAndKeyboardsOfBotMessages() {
        client.userWrites(USER, "/start");
        Map<String, Object> keyboard = Map.of("inline_keyboard",
                List.of(List.of(Map.of("text", "Next", "callback_data", "page:2"))));
        long id = client.sendMessage(USER, Map.of("text", "page 1", "reply_markup", keyboard))
                .get("message_id").asLong();
        client.bot("editMessageText", Map.of("chat_id", USER, "message_id", id, "text", "page 2"));

        JsonNode bot = client.get("chats/" + USER + "/history").body().get("messages").get(1);

        assertThat(bot.get("text").asText()).isEqualTo("page 2");
        assertThat(bot.get("edits").asInt()).isEqualTo(1);
        assertThat(bot.get("edited_at").isTextual()).isTrue();
        assertThat(bot.get("reply_markup").isNull()).isTrue();
    }

    @Test
    void historyTellsWhetherTheUserBlockedTheBot() {
        client.userWrites(USER, "/start");
        client.post("users/" + USER + "/block", Map.of());

        assertThat(client.get("chats/" + USER + "/history").body().get("blocked").asBoolean()).isTrue();
    }

    @Test
    void historyOfAnUnknownChatIsEmpty() {
        JsonNode history = client.get("chats/777/history").body();

        assertThat(history.get("messages")).isEmpty();
        assertThat(history.get("blocked").asBoolean()).isFalse();
    }
}
