package io.contactdesk.processor.updates;

import io.contactdesk.contracts.events.UpdateRef;

/**
 * {@code my_chat_member} in a user's private chat: they blocked the bot ({@code kicked}) or unblocked it
 * ({@code kicked} → {@code member}). Statuses are Telegram's {@code ChatMember.status} strings.
 */
public record MembershipUpdate(UpdateRef ref, IncomingUpdate.Sender from, String oldStatus, String newStatus)
        implements ParsedUpdate {

    public static final String KICKED = "kicked";
    public static final String MEMBER = "member";

    public boolean blocksBot() {
        return KICKED.equals(newStatus);
    }

    public boolean unblocksBot() {
        return KICKED.equals(oldStatus) && MEMBER.equals(newStatus);
    }

    public String causeId() {
        return ref.causeId();
    }

    @Override
    public String expectedKey() {
        return Long.toString(from.userId());
    }
}
