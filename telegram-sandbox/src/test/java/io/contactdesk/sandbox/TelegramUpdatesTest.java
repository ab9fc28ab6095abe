package io.contactdesk.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.sandbox.spec.BotApiSpec;
import io.contactdesk.testsupport.SandboxClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox emits the updates Telegram really sends, with the fields Telegram sends. */
class TelegramUpdatesTest extends SandboxTestBase {

    private static final long GROUP = -1001234567890L;
    private static final Map<String, Object> GROUP_CHAT = Map.of("id", GROUP, "type", "supergroup", "title", "Team");

    @Override
    TelegramSandbox.Builder configure(TelegramSandbox.Builder builder) {
        return builder.disableFloodLimits();
    }

    @Test
    void aDeepLinkArrivesAsStartWithItsParameterAndACommandEntityOfStartAlone() {
        // t.me/<bot>?start=<parameter> makes the app send "/start <parameter>"; bots read the parameter after it.
        long id = client.userWrites(USER, "/start ref_AbC-d_9");

        JsonNode message = firstUpdate(id).get("message");
        assertThat(message.get("text").asText()).isEqualTo("/start ref_AbC-d_9");
        assertThat(message.at("/entities/0/type").asText()).isEqualTo("bot_command");
        assertThat(message.at("/entities/0/offset").asInt()).isZero();
        assertThat(message.at("/entities/0/length").asInt()).isEqualTo("/start".length());
    }

    @Test
    void editingAnEarlierMessageEmitsAnEditedMessage() {
        long start = client.userWrites(USER, "hello");
        long messageId = firstUpdate(start).at("/message/message_id").asLong();

        SandboxClient.Answer edit = client.post("users/" + USER + "/messages/" + messageId + "/edit",
                Map.of("text", "/start again"));

        JsonNode update = firstUpdate(start + 1);
        JsonNode edited = update.get("edited_message");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(update.get("update_id").asLong()).isEqualTo(edit.body().get("update_id").asLong());
        assertThat(edited.get("message_id").asLong()).isEqualTo(messageId);
        assertThat(edited.get("text").asText()).isEqualTo("/start again");
        assertThat(edited.get("edit_date").asLong()).isGreaterThanOrEqualTo(edited.get("date").asLong());
        assertThat(edited.at("/entities/0/type").asText()).isEqualTo("bot_command");
    }

    @Test
    void anEditedMessageShowsItsNewTextInTheHistory() {
        client.userWrites(USER, "hello");
        long messageId = client.get("chats/" + USER + "/history").body().at("/messages/0/message_id").asLong();

        client.post("users/" + USER + "/messages/" + messageId + "/edit", Map.of("text", "hello, edited"));

        JsonNode row = client.get("chats/" + USER + "/history").body().at("/messages/0");
        assertThat(row.get("text").asText()).isEqualTo("hello, edited");
        assertThat(row.get("edits").asInt()).isEqualTo(1);
        assertThat(row.get("edited_at").asText()).isNotBlank();
    }

    @Test
    void aUserCannotEditAMessageTheyDidNotWrite() {
        client.userWrites(USER, "/start");
        long botMessage = client.sendMessage(USER, Map.of("text", "menu")).get("message_id").asLong();

        assertThat(client.post("users/" + USER + "/messages/" + botMessage + "/edit", Map.of("text", "x")).status())
                .isEqualTo(404);
        assertThat(client.post("users/" + USER + "/messages/999/edit", Map.of("text", "x")).status()).isEqualTo(404);
    }

    @Test
    void blockingEmitsMyChatMemberFromMemberToKicked() {
        long start = client.userWrites(USER, "/start");

        SandboxClient.Answer block = client.post("users/" + USER + "/block", Map.of());

        JsonNode change = firstUpdate(start + 1).get("my_chat_member");
        assertThat(block.body().get("update_id").asLong()).isEqualTo(start + 1);
        assertThat(change.at("/chat/id").asLong()).isEqualTo(USER);
        assertThat(change.at("/chat/type").asText()).isEqualTo("private");
        assertThat(change.at("/from/id").asLong()).isEqualTo(USER);
        assertThat(change.get("date").asLong()).isPositive();
        assertThat(change.at("/old_chat_member/status").asText()).isEqualTo("member");
        assertThat(change.at("/old_chat_member/user/id").asLong()).isEqualTo(100000001L);
        assertThat(change.at("/new_chat_member/status").asText()).isEqualTo("kicked");
        assertThat(change.at("/new_chat_member/until_date").isIntegralNumber()).isTrue();
        assertThat(change.at("/new_chat_member/until_date").asLong()).isZero();
    }

    @Test
    void unblockingEmitsMyChatMemberFromKickedToMember() {
        long start = client.userWrites(USER, "/start");
        client.post("users/" + USER + "/block", Map.of());

        client.post("users/" + USER + "/unblock", Map.of());

        JsonNode change = firstUpdate(start + 2).get("my_chat_member");
        assertThat(change.at("/old_chat_member/status").asText()).isEqualTo("kicked");
        assertThat(change.at("/new_chat_member/status").asText()).isEqualTo("member");
        assertThat(change.get("new_chat_member").has("until_date")).isFalse();
    }

    @Test
    void blockingTwiceEmitsOneUpdate() {
        long start = client.userWrites(USER, "/start");
        client.post("users/" + USER + "/block", Map.of());

        SandboxClient.Answer again = client.post("users/" + USER + "/block", Map.of());

        assertThat(again.body().has("update_id")).isFalse();
        assertThat(client.bot("getUpdates", Map.of("offset", start + 1)).result()).hasSize(1);
    }

    @Test
    void aGroupMessageIsInTheGroupFromTheUser() {
        SandboxClient.Answer wrote = client.post("users/" + USER + "/messages",
                Map.of("text", "/help@contactdesk_bot", "chat", GROUP_CHAT));

        JsonNode message = firstUpdate(wrote.body().get("update_id").asLong()).get("message");

        assertThat(wrote.body().get("chat_id").asLong()).isEqualTo(GROUP);
        assertThat(message.at("/chat/id").asLong()).isEqualTo(GROUP);
        assertThat(message.at("/chat/type").asText()).isEqualTo("supergroup");
        assertThat(message.at("/chat/title").asText()).isEqualTo("Team");
        assertThat(message.at("/from/id").asLong()).isEqualTo(USER);
        assertThat(message.at("/entities/0/length").asInt()).isEqualTo("/help@contactdesk_bot".length());
    }

    @Test
    void theBotCanWriteIntoAGroupItHasSeen() {
        client.post("users/" + USER + "/messages", Map.of("text", "hi all", "chat", GROUP_CHAT));

        JsonNode sent = client.sendMessage(GROUP, Map.of("text", "hello, Team"));

        assertThat(sent.at("/chat/id").asLong()).isEqualTo(GROUP);
        assertThat(sent.at("/chat/title").asText()).isEqualTo("Team");
        assertThat(client.get("chats/" + GROUP + "/messages").body()).singleElement()
                .satisfies(message -> assertThat(message.get("text").asText()).isEqualTo("hello, Team"));
    }

    @Test
    void writingToAGroupNobodyWroteInIsChatNotFound() {
        SandboxClient.Answer answer = client.bot("sendMessage", Map.of("chat_id", GROUP, "text", "hi"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("description").asText()).isEqualTo("Bad Request: chat not found");
    }

    @Test
    void aChannelMessageIsAChannelPostSignedByTheChannel() {
        long updateId = client.post("users/" + USER + "/messages", Map.of("text", "news",
                "chat", Map.of("id", -1009876543210L, "type", "channel", "title", "News"))).body().get("update_id")
                .asLong();

        JsonNode post = firstUpdate(updateId).get("channel_post");

        assertThat(post.at("/chat/type").asText()).isEqualTo("channel");
        assertThat(post.at("/sender_chat/id").asLong()).isEqualTo(-1009876543210L);
        assertThat(post.has("from")).isFalse();
    }

    @Test
    void aGroupChatTheAppCouldNotHaveIsRefused() {
        assertThat(client.post("users/" + USER + "/messages", Map.of("text", "hi",
                "chat", Map.of("id", 5, "type", "group", "title", "T"))).status()).isEqualTo(400);
        assertThat(client.post("users/" + USER + "/messages", Map.of("text", "hi",
                "chat", Map.of("id", -5, "type", "private", "title", "T"))).status()).isEqualTo(400);
        assertThat(client.post("users/" + USER + "/messages", Map.of("text", "hi",
                "chat", Map.of("id", -5, "type", "group"))).status()).isEqualTo(400);
    }

    @Test
    void emptyAllowedUpdatesDeliversEditsAndMembershipChanges() {
        long start = client.userWrites(USER, "hello");
        client.bot("getUpdates", Map.of("allowed_updates", List.of(), "offset", start + 1));
        client.post("users/" + USER + "/messages/1/edit", Map.of("text", "hello again"));
        client.post("users/" + USER + "/block", Map.of());

        JsonNode updates = client.bot("getUpdates", Map.of()).result();

        assertThat(updates).hasSize(2);
        assertThat(updates.get(0).has("edited_message")).isTrue();
        assertThat(updates.get(1).has("my_chat_member")).isTrue();
    }

    @Test
    void everyUpdateTheSandboxEmitsConformsToTheSpec() {
        client.post("users/" + USER + "/messages", Map.of("text", "/start ref", "first_name", "Ada",
                "username", "ada", "language_code", "de"));
        client.post("users/" + USER + "/messages/1/edit", Map.of("text", "/start other"));
        long menu = client.sendMessage(USER, Map.of("text", "<b>menu</b>", "parse_mode", "HTML",
                "reply_markup", Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Go", "callback_data", "go"))))))
                .get("message_id").asLong();
        client.bot("editMessageText", Map.of("chat_id", USER, "message_id", menu, "text", "menu 2", "reply_markup",
                Map.of("inline_keyboard", List.of(List.of(Map.of("text", "Go", "callback_data", "go"))))));
        client.post("users/" + USER + "/callbacks", Map.of("message_id", menu, "data", "go"));
        client.post("users/" + USER + "/block", Map.of());
        client.post("users/" + USER + "/unblock", Map.of());
        client.post("users/" + (USER + 1) + "/messages", Map.of("text", "in the group", "chat", GROUP_CHAT));
        client.post("users/" + (USER + 1) + "/messages", Map.of("text", "plain group", "chat",
                Map.of("id", -42, "type", "group", "title", "Old group")));
        client.post("users/" + USER + "/messages", Map.of("text", "post", "chat",
                Map.of("id", -1009876543210L, "type", "channel", "title", "News")));
        client.post("users/" + (USER + 1) + "/messages/1/edit", Map.of("chat_id", GROUP, "text", "edited in group"));

        JsonNode updates = client.bot("getUpdates", Map.of("allowed_updates", List.of())).result();

        assertThat(updates).hasSize(9);
        for (JsonNode update : updates) {
            assertThat(BotApiSpec.get().checkObject("Update", update)).as(update.toString()).isEmpty();
        }
    }

    @Test
    void whatTheBotsCallsReturnConformsToTheSpec() {
        client.userWrites(USER, "/start");

        JsonNode sent = client.sendMessage(USER, Map.of("text", "hi"));
        JsonNode me = client.bot("getMe", Map.of()).result();
        JsonNode webhook = client.bot("getWebhookInfo", Map.of()).result();

        assertThat(BotApiSpec.get().checkObject("Message", sent)).isEmpty();
        assertThat(BotApiSpec.get().checkObject("User", me)).isEmpty();
        assertThat(BotApiSpec.get().checkObject("WebhookInfo", webhook)).isEmpty();
    }

    private JsonNode firstUpdate(long offset) {
        return client.bot("getUpdates", Map.of("offset", offset)).result().get(0);
    }
}
