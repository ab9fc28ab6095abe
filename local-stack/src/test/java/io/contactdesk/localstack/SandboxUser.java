package io.contactdesk.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.testsupport.SandboxClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Telegram user typing into the sandbox through its control API, as a person would. */
final class SandboxUser {

    private final SandboxClient sandbox;
    private final String sandboxUrl;
    private final long userId;
    private final String firstName;
    private final String languageCode;

    SandboxUser(String sandboxUrl, long userId) {
        this(sandboxUrl, userId, "Ada");
    }

    /** A user whose Telegram profile shows {@code firstName}: people choose their own names, hostile ones too. */
    SandboxUser(String sandboxUrl, long userId, String firstName) {
        this(sandboxUrl, userId, firstName, null);
    }

    private SandboxUser(String sandboxUrl, long userId, String firstName, String languageCode) {
        this.sandbox = new SandboxClient(sandboxUrl);
        this.sandboxUrl = sandboxUrl;
        this.userId = userId;
        this.firstName = firstName;
        this.languageCode = languageCode;
    }

    /** The same user with their Telegram app set to {@code languageCode} ({@code from.language_code}, e.g. "es"). */
    SandboxUser speaking(String languageCode) {
        return new SandboxUser(sandboxUrl, userId, firstName, languageCode);
    }

    long id() {
        return userId;
    }

    String firstName() {
        return firstName;
    }

    /** @return the update id the sandbox gave the message */
    long sends(String text) {
        Map<String, Object> message = new LinkedHashMap<>(Map.of("text", text, "first_name", firstName));
        if (languageCode != null) {
            message.put("language_code", languageCode);
        }
        return sandbox.userSends(userId, message).path("update_id").asLong();
    }

    /** The same text written in a group chat the bot is in ({@code chatId} negative, as Telegram's group ids are). */
    long sendsInGroup(long chatId, String title, String text) {
        return sandbox.userSends(userId, Map.of("text", text, "first_name", firstName,
                "chat", Map.of("id", chatId, "type", "supergroup", "title", title))).path("update_id").asLong();
    }

    /** Edits one of the user's own messages, as Telegram lets people fix a typo: the bot gets an edited_message. */
    void edits(long messageId, String newText) {
        sandbox.userEdits(userId, messageId, newText);
    }

    /** Blocks the bot (Telegram tells the bot with a my_chat_member update), or unblocks it again. */
    void blocksTheBot(boolean blocked) {
        if (blocked) {
            sandbox.userBlocksTheBot(userId);
        } else {
            sandbox.userUnblocksTheBot(userId);
        }
    }

    /** @return the message id the sandbox gave the message */
    long sendsMessage(String text) {
        return sandbox.userSends(userId, Map.of("text", text, "first_name", firstName)).path("message_id").asLong();
    }

    /**
     * Taps a button on one of the bot's messages in this chat, with whatever callback data the client sends: a
     * modified client can send data that no button of that message carries.
     */
    void presses(long messageId, String data) {
        sandbox.userTaps(userId, messageId, data);
    }

    /** The bot's messages in this chat as the sandbox keeps them (text as sent, with markup; reply_markup), oldest first. */
    List<JsonNode> messages() {
        return sandbox.messages(userId);
    }

    /** What the user read: each of the bot's messages with its markup applied, as Telegram renders it. */
    List<String> plainTexts() {
        List<String> texts = new ArrayList<>();
        sandbox.history(userId).path("messages").forEach(message -> {
            if (message.path("from").asText().equals("bot")) {
                texts.add(message.path("plain_text").asText());
            }
        });
        return texts;
    }

    /** The answers to this user's button taps (a null text is an answer that shows nothing), oldest first. */
    List<JsonNode> callbackAnswers() {
        return sandbox.callbackAnswers(userId);
    }

    /** The texts the bot has shown in this user's chat, oldest first (edited messages show their latest text). */
    List<String> chat() {
        return messages().stream().map(message -> message.path("text").asText()).toList();
    }
}
