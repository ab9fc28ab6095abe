package io.contactdesk.sandbox.chat;

import java.time.Instant;

/** A message a user wrote to the bot, numbered in the chat's message-id sequence. */
public record IncomingMessage(UserProfile from, long messageId, Instant date, String text) {
}
