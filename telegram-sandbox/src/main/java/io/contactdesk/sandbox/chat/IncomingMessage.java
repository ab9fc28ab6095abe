package io.contactdesk.sandbox.chat;

import java.time.Instant;

/**
 * A message a user wrote, numbered in its chat's message-id sequence; replaced (never mutated) on edit.
 *
 * @param editDate when the user last edited it, or null
 */
public record IncomingMessage(SimulatedUser from, ChatInfo chat, long messageId, Instant date, String text,
                              Instant editDate, int edits) {

    public IncomingMessage edited(String newText, Instant at) {
        return new IncomingMessage(from, chat, messageId, date, newText, at, edits + 1);
    }
}
