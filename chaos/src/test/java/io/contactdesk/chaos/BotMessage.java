package io.contactdesk.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Instant;
import java.util.List;

/** One of the bot's messages in a chat as the sandbox shows it, with what the verdicts need of it. */
record BotMessage(long messageId, String text, int edits, Instant sentAt) {

    /** The bot's messages in the chat with this user, oldest first. */
    static List<BotMessage> in(SandboxClient chats, long userId) {
        return chats.messages(userId).stream().map(BotMessage::of).toList();
    }

    private static BotMessage of(JsonNode message) {
        return new BotMessage(message.path("message_id").asLong(), message.path("text").asText(""),
                message.path("edits").asInt(), Instant.parse(message.path("sent_at").asText()));
    }

    ReplyMatcher.Seen seen() {
        ReplyKind kind = ReplyKind.of(text, edits);
        return new ReplyMatcher.Seen(messageId, kind, ReplyKind.lane(kind, text), sentAt);
    }
}
