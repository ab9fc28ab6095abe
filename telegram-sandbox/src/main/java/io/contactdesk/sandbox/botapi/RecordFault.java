package io.contactdesk.sandbox.botapi;

import java.util.Locale;

/**
 * A fault in what Telegram does with a {@code sendMessage} that it answers with ok: the harm a client cannot see in
 * the answer, so that a test can check whether its own accounting would notice.
 */
public enum RecordFault {
    /** Answered ok with a message id, but nothing reaches the chat: a reply lost after the send. */
    SWALLOW,
    /** Answered ok once, but the chat shows the message twice: a reply duplicated after the send. */
    DUPLICATE,
    /** The message is sent, but the answer is held back: the client times out and cannot know it was sent. */
    LATE;

    public static RecordFault parse(String effect) {
        try {
            return valueOf(effect.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("effect must be swallow, duplicate or late, was " + effect);
        }
    }
}
