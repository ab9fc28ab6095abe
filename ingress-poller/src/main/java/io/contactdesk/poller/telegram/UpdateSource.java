package io.contactdesk.poller.telegram;

import java.util.List;

/** Where updates come from: the Bot API's {@code getUpdates}. An interface so the ingress loop is unit-testable. */
public interface UpdateSource {

    /**
     * Waits up to the long-poll timeout for updates with {@code update_id >= offset}; asking with an offset inside
     * Telegram's queue confirms (and makes Telegram forget) every update below it. An offset outside the queue (0, or
     * one Telegram's ids have left behind) confirms nothing and is answered from the queue's head. Offsets are 32-bit,
     * as update ids are.
     */
    List<ReceivedUpdate> poll(int offset) throws UpdateSourceException;

    /** Ends a poll in progress, for a prompt shutdown. */
    void interrupt();

    /** One update: its id, the user whose update it is (the Kafka key) and its JSON as published. */
    record ReceivedUpdate(long updateId, String key, String json) {
    }

    class UpdateSourceException extends Exception {
        public UpdateSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
