package io.contactdesk.sandbox.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A message the bot sent, in its latest state; replaced (never mutated) on edit or delete.
 *
 * @param text        the text exactly as the bot sent it (markup included)
 * @param plainText   what the user sees: the text after parse_mode is applied, as Telegram returns it
 * @param replyMarkup the markup exactly as the bot sent it, or null
 */
public record SentMessage(long chatId, long messageId, String text, String plainText, String parseMode,
                          JsonNode replyMarkup, Instant sentAt, Instant editedAt, int edits, boolean deleted) {

    public static SentMessage sent(long chatId, long messageId, FormattedText text, JsonNode replyMarkup, Instant at) {
        return new SentMessage(chatId, messageId, text.source(), text.plain(), text.parseMode(), replyMarkup,
                at, null, 0, false);
    }

    public SentMessage edited(FormattedText newText, JsonNode newReplyMarkup, Instant at) {
        return new SentMessage(chatId, messageId, newText.source(), newText.plain(), newText.parseMode(),
                newReplyMarkup, sentAt, at, edits + 1, deleted);
    }

    public SentMessage asDeleted() {
        return new SentMessage(chatId, messageId, text, plainText, parseMode, replyMarkup, sentAt, editedAt, edits,
                true);
    }

    /** Telegram refuses an edit that would change nothing the user can see. */
    public boolean looksLike(FormattedText other, JsonNode otherReplyMarkup) {
        return text.equals(other.source())
                && Objects.equals(parseMode, other.parseMode())
                && Objects.equals(replyMarkup, otherReplyMarkup);
    }
}
