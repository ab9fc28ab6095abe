package io.contactdesk.sandbox.chat;

import java.util.Set;

/**
 * A chat as the Bot API's Chat object describes it.
 *
 * @param type  "private", "group", "supergroup" or "channel"
 * @param title the group's or channel's title; null for a private chat
 * @param user  the other side of a private chat (whose id is the chat id); null for groups and channels
 */
public record ChatInfo(long id, String type, String title, SimulatedUser user) {

    public static final Set<String> GROUP_TYPES = Set.of("group", "supergroup", "channel");

    public static ChatInfo privateWith(SimulatedUser user) {
        return new ChatInfo(user.id(), "private", null, user);
    }

    /** @throws IllegalArgumentException unless this could be a Telegram group, supergroup or channel */
    public static ChatInfo group(long id, String type, String title) {
        if (id >= 0) {
            throw new IllegalArgumentException("group and channel chat ids are negative, e.g. -1001234567890");
        }
        if (!GROUP_TYPES.contains(type)) {
            throw new IllegalArgumentException("a group chat's type is one of " + GROUP_TYPES);
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a group chat has a title");
        }
        return new ChatInfo(id, type, title, null);
    }

    /** Channels carry posts (channel_post updates, signed by the channel), not members' messages. */
    public boolean isChannel() {
        return type.equals("channel");
    }
}
