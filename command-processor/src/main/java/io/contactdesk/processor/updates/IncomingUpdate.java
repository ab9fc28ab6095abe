package io.contactdesk.processor.updates;

import io.contactdesk.contracts.events.UpdateRef;
import java.util.Locale;

/**
 * The part of a Telegram {@code Update} the bot acts on, validated: a private message or a callback query from a
 * person. Text and callback data are as the user sent them (not yet escaped).
 *
 * @param ref       the update as the pipeline names it (ingress epoch and update_id): every id derived from this
 *                  update is derived from it, so a recycled update_id names a new update
 * @param messageId the user's message, or for a callback the bot message whose button was tapped
 */
public record IncomingUpdate(
        UpdateRef ref,
        Sender from,
        long chatId,
        long messageId,
        String text,
        String callbackQueryId,
        String callbackData) implements ParsedUpdate {

    @Override
    public String expectedKey() {
        return Long.toString(from.userId());
    }

    public boolean isCallback() {
        return callbackQueryId != null;
    }

    public String causeId() {
        return ref.causeId();
    }

    /** A command's name without the slash and bot mention ({@code /start@contactdesk_bot arg} → {@code start}), or null. */
    public String command() {
        if (isCallback() || text == null || !text.startsWith("/")) {
            return null;
        }
        String word = text.split("\\s+", 2)[0].substring(1);
        int mention = word.indexOf('@');
        return (mention >= 0 ? word.substring(0, mention) : word).toLowerCase(Locale.ROOT);
    }

    /** What follows the command word, trimmed ("" when nothing). */
    public String commandArguments() {
        if (text == null) {
            return "";
        }
        String[] parts = text.trim().split("\\s+", 2);
        return parts.length > 1 ? parts[1].trim() : "";
    }

    public record Sender(long userId, String username, String firstName, String languageCode) {
    }
}
