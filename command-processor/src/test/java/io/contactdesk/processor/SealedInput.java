package io.contactdesk.processor;

import java.time.Instant;
import org.apache.kafka.streams.TestInputTopic;

/**
 * {@code tg.updates} as the ingress writes it: each Update sealed with the test keyring, in epoch 0, named by its own
 * update_id. Records the ingress did not write (in the clear, or sealed some other way) go in with {@link #pipeRecord}.
 */
public final class SealedInput {

    private final TestInputTopic<String, String> topic;

    public SealedInput(TestInputTopic<String, String> topic) {
        this.topic = topic;
    }

    /** Seals Update JSON as the poller does and publishes it. */
    public void pipeInput(String key, String update, Instant at) {
        topic.pipeInput(key, seal(update), at);
    }

    public void pipeInput(String key, String update) {
        topic.pipeInput(key, seal(update));
    }

    /** Publishes the record exactly as given. */
    public void pipeRecord(String key, String record, Instant at) {
        topic.pipeInput(key, record, at);
    }

    public void pipeRecord(String key, String record) {
        topic.pipeInput(key, record);
    }

    private static String seal(String update) {
        return TelegramUpdates.sealed(update);
    }
}
