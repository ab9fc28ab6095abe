package io.contactdesk.processor.updates;

import io.contactdesk.contracts.events.UpdateRef;

/**
 * A person wrote to a group or supergroup the bot is in, or added the bot to one. The bot works in private chats
 * only: it says so once per group and does nothing else there.
 *
 * @param botAdded    the update is {@code my_chat_member}: someone added the bot to the group
 * @param botUsername the bot's own username when the update names it (the bot added to the group), else null
 * @param languageCode the {@code language_code} of the person who wrote (or added the bot), else null
 */
public record GroupUpdate(UpdateRef ref, long chatId, boolean botAdded, String botUsername, String languageCode)
        implements ParsedUpdate {

    /** The Bot API's name of the update's type. */
    public String type() {
        return botAdded ? "my_chat_member" : "message";
    }

    public String causeId() {
        return ref.causeId();
    }

    @Override
    public String expectedKey() {
        return Long.toString(chatId);
    }

    @Override
    public String expectedKeyName() {
        return "the group's chat id";
    }
}
