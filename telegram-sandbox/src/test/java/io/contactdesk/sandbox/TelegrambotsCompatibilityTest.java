package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/** The updates must be readable by the client library the services use, not just look right. */
class TelegrambotsCompatibilityTest extends SandboxTestBase {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void messageUpdateDeserializesIntoATelegrambotsUpdate() throws Exception {
        client.post("users/" + USER + "/messages", Map.of("text", "/start hello", "first_name", "Alice"));
        JsonNode json = client.bot("getUpdates", Map.of()).result().get(0);

        Update update = mapper.treeToValue(json, Update.class);

        assertThat(update.getUpdateId()).isEqualTo(json.get("update_id").asInt());
        assertThat(update.getMessage().getText()).isEqualTo("/start hello");
        assertThat(update.getMessage().getFrom().getId()).isEqualTo(USER);
        assertThat(update.getMessage().getFrom().getFirstName()).isEqualTo("Alice");
        assertThat(update.getMessage().getChatId()).isEqualTo(USER);
        // getEntities() computes each entity's text from offset/length, as with real Telegram JSON.
        assertThat(update.getMessage().getEntities()).singleElement()
                .satisfies(entity -> assertThat(entity.getType()).isEqualTo("bot_command"))
                .satisfies(entity -> assertThat(entity.getText()).isEqualTo("/start"));
    }

    @Test
    void callbackQueryUpdateDeserializesIntoATelegrambotsUpdate() throws Exception {
        long start = client.userWrites(USER, "/start");
        client.bot("getUpdates", Map.of("offset", start + 1));
        long messageId = client.sendMessage(USER, Map.of("text", "menu", "reply_markup", Map.of("inline_keyboard",
                List.of(List.of(Map.of("text", "Go", "callback_data", "go")))))).get("message_id").asLong();
        client.post("users/" + USER + "/callbacks", Map.of("message_id", messageId, "data", "go"));
        JsonNode json = client.bot("getUpdates", Map.of()).result().get(0);

        Update update = mapper.treeToValue(json, Update.class);

        assertThat(update.getCallbackQuery().getData()).isEqualTo("go");
        assertThat(update.getCallbackQuery().getFrom().getId()).isEqualTo(USER);
        assertThat(update.getCallbackQuery().getMessage().getMessageId()).isEqualTo((int) messageId);
        assertThat(update.getCallbackQuery().getMessage().getChatId()).isEqualTo(USER);
    }

    @Test
    void editAndMembershipUpdatesDeserializeIntoTelegrambotsUpdates() throws Exception {
        long start = client.userWrites(USER, "hello");
        client.post("users/" + USER + "/messages/1/edit", Map.of("text", "hello again"));
        client.post("users/" + USER + "/block", Map.of());
        JsonNode json = client.bot("getUpdates", Map.of("offset", start + 1)).result();

        Update edited = mapper.treeToValue(json.get(0), Update.class);
        Update blocked = mapper.treeToValue(json.get(1), Update.class);

        assertThat(edited.getEditedMessage().getText()).isEqualTo("hello again");
        assertThat(edited.getEditedMessage().getEditDate()).isPositive();
        assertThat(blocked.getMyChatMember().getNewChatMember().getStatus()).isEqualTo("kicked");
        assertThat(blocked.getMyChatMember().getOldChatMember().getStatus()).isEqualTo("member");
        assertThat(blocked.getMyChatMember().getChat().getId()).isEqualTo(USER);
    }
}
