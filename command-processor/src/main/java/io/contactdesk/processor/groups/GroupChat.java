package io.contactdesk.processor.groups;

import java.time.Instant;

/** A group the bot has told to talk to it in a private chat, kept in the {@code group-chats} store. */
public record GroupChat(long chatId, Instant toldAt) {
}
