package io.contactdesk.poller.telegram;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Where updates come from: the Bot API's {@code getUpdates}. An interface so the ingress loop is unit-testable. */
public interface UpdateSource {

    /**
     * Waits up to the long-poll timeout for updates with {@code update_id >= offset}; asking with an offset inside
     * Telegram's queue confirms (and makes Telegram forget) every update below it. An offset outside the queue (0, or
     * one Telegram's ids have left behind) confirms nothing and is answered from the queue's head. Offsets are 32-bit,
     * as update ids are.
     */
    List<ReceivedUpdate> poll(int offset) throws UpdateSourceException;

    /** Removes a webhook, keeping pending updates: {@code getUpdates} is refused while one is set. */
    void deleteWebhook() throws UpdateSourceException;

    /** Ends a poll in progress, for a prompt shutdown. */
    void interrupt();

    /** One update: its id, the user whose update it is (the Kafka key) and its JSON as published. */
    record ReceivedUpdate(long updateId, String key, String json) {

        private static final ObjectMapper JSON = JsonMapper.builder()
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();

        /** An update as both modes publish it: keyed by {@link UpdateKeys}, written back as the client read it. */
        public static ReceivedUpdate of(Update update) throws JsonProcessingException {
            return new ReceivedUpdate(update.getUpdateId(), UpdateKeys.keyOf(update), JSON.writeValueAsString(update));
        }

        /** Reads an update as Telegram sends it to a webhook. */
        public static ReceivedUpdate parse(byte[] json) throws IOException {
            return of(JSON.readValue(json, Update.class));
        }
    }

    class UpdateSourceException extends Exception {
        public UpdateSourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
