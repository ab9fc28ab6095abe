package io.contactdesk.tools;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.TopicReader;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads a compacted topic from the beginning up to the end offsets it has when the read starts: the latest value per
 * key is the topic's state (the directory as it stands, for {@code listings}; every instance's last heartbeat, for
 * {@code ops.heartbeats}). A {@link TopicReader}: no group, so the tools commit nothing and never disturb the
 * services' consumer groups.
 */
public final class CompactedTopicReader {

    private final KafkaConnection kafka;
    private final Duration timeout;

    public CompactedTopicReader(KafkaConnection kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /**
     * Every value by key, in the order of each key's latest record. A record that does not parse is reported to
     * {@code err} by position (never by content: it may hold a contact) and skipped, as a pipeline would dead-letter it.
     *
     * @throws TimeoutException when the broker cannot be reached or the end is not reached in time
     */
    public <V> Map<String, V> readAll(Topic<String, V> topic, PrintStream err) {
        Map<String, V> latest = new LinkedHashMap<>();
        try (TopicReader reader = TopicReader.open(kafka.clientConfig(), "directory-tools-reader", topic.name(),
                timeout)) {
            // A topic that does not exist yet has no partitions: nothing to read.
            reader.seekToBeginning();
            reader.readToEnd(timeout, TopicReader.decoding(topic, entry -> apply(entry, latest),
                    (record, failure) -> err.println("warning: skipped unreadable record at " + record.topic() + "-"
                            + record.partition() + "@" + record.offset())));
        }
        return latest;
    }

    private static <V> void apply(TopicReader.ReadRecord<V> entry, Map<String, V> latest) {
        if (entry.key() == null) {
            return; // a compacted topic keeps nothing without a key
        }
        latest.remove(entry.key()); // a tombstone deletes the key; a value moves to the end, like a log would
        if (entry.value() != null) {
            latest.put(entry.key(), entry.value());
        }
    }
}
