package io.contactdesk.processor.updates;

import io.contactdesk.contracts.events.UpdateRef;
import java.util.Locale;
import java.util.Set;

/**
 * An update the bot leaves alone on purpose: Telegram sends these in normal operation, so they are counted, never
 * dead-lettered, and never count against anyone's rate limit.
 *
 * @param type the update's type as the Bot API names it, or {@link #UNKNOWN_TYPE}: a bounded set, fit for a metric tag
 */
public record IgnoredUpdate(UpdateRef ref, String type, Reason reason) implements ParsedUpdate {

    public static final String UNKNOWN_TYPE = "unknown";

    /** The optional fields of {@code Update} in Bot API 10.1; a type Telegram adds later is counted as unknown. */
    static final Set<String> KNOWN_TYPES = Set.of("message", "edited_message", "channel_post", "edited_channel_post",
            "business_connection", "business_message", "edited_business_message", "deleted_business_messages",
            "guest_message", "message_reaction", "message_reaction_count", "inline_query", "chosen_inline_result",
            "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer",
            "my_chat_member", "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost", "managed_bot");

    public enum Reason {
        /** An update type the bot does not use (an edit, a poll, a reaction, a join request…) or does not know yet. */
        NOT_USED,
        /** Anything in a channel: the bot has nothing to say there. */
        CHANNEL,
        /** A button tapped outside a private chat, or a chat of a type Telegram may add. */
        OTHER_CHAT,
        /** A group message without a person behind it: another bot, an anonymous admin, a linked channel. */
        NOT_A_PERSON,
        /** A group message without text: a service message (joins, pins, title changes) or media. */
        NOT_TEXT,
        /** A group that has already been told to use a private chat. */
        GROUP_ALREADY_TOLD,
        /** A membership change that needs nothing: the bot removed from a group, a block already recorded. */
        MEMBERSHIP,
        /** A membership change from someone who never started the bot: there is no account to record it on. */
        NO_ACCOUNT;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public IgnoredUpdate {
        type = KNOWN_TYPES.contains(type) ? type : UNKNOWN_TYPE;
    }

    @Override
    public String expectedKey() {
        return null;
    }
}
