package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A benchmark's sandbox keeps only each chat's latest messages, so that millions of replies do not fill its heap. */
class MessagesKeptPerChatTest extends SandboxTestBase {

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.disableFloodLimits().messagesKeptPerChat(2);
    }

    @Test
    void aChatKeepsOnlyItsLatestMessagesOfEachDirection() {
        for (int i = 1; i <= 4; i++) {
            client.userWrites(USER, "/balance " + i);
            client.sendMessage(USER, Map.of("text", "reply " + i));
        }

        JsonNode messages = client.get("chats/" + USER + "/history").body().get("messages");

        assertThat(messages.findValuesAsText("text")).containsExactly("/balance 3", "reply 3", "/balance 4", "reply 4");
    }

    @Test
    void anEditOfAMessageNoLongerKeptIsNotFound() {
        client.userWrites(USER, "/start");
        long first = client.sendMessage(USER, Map.of("text", "first")).get("message_id").asLong();
        client.sendMessage(USER, Map.of("text", "second"));
        long third = client.sendMessage(USER, Map.of("text", "third")).get("message_id").asLong();

        assertThat(client.bot("editMessageText", Map.of("chat_id", USER, "message_id", first, "text", "x")).status())
                .isEqualTo(400);
        assertThat(client.bot("editMessageText", Map.of("chat_id", USER, "message_id", third, "text", "x")).status())
                .isEqualTo(200);
    }

    @Test
    void keepingANegativeNumberOfMessagesIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TelegramSandbox.builder().messagesKeptPerChat(-1))
                .withMessageContaining("messages kept per chat");
    }
}
