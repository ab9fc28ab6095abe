package io.contactdesk.tools;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.topics.Topic;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a compacted topic from the beginning up to the end offsets it has when the read starts: the latest value per
 * key is the topic's state (the directory as it stands, for {@code listings}; every instance's last heartbeat, for
 * {@code ops.heartbeats}). A plain consumer with all partitions assigned and no group, so the tools commit nothing
 * and never disturb the services' consumer groups.
 */
public final class CompactedTopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

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
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<String, V> latest = new LinkedHashMap<>();
            if (partitions.isEmpty()) {
                return latest; // no topic yet: nothing in it
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Set<TopicPartition> pending = partitions.stream()
                    .filter(tp -> consumer.position(tp, timeout) < end.get(tp)).collect(Collectors.toSet());
            while (!pending.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("did not reach the end of " + topic.name() + " within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(topic, record, latest, err);
                }
                pending.removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
            }
            return latest;
        }
    }

    private static <V> void apply(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record, Map<String, V> latest,
            PrintStream err) {
        String key = record.key() == null ? null : topic.keySerde().deserializer().deserialize(record.topic(), record.key());
        if (key == null) {
            return; // a compacted topic keeps nothing without a key
        }
        if (record.value() == null) {
            latest.remove(key); // a tombstone deletes the key
            return;
        }
        try {
            V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
            latest.remove(key); // keep the latest value, moved to the end like a log would
            latest.put(key, value);
        } catch (SerializationException | NullPointerException e) {
            err.println("warning: skipped unreadable record at " + record.topic() + "-" + record.partition()
                    + "@" + record.offset());
        }
    }

    private Properties properties() {
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Bytes, decoded per record: one bad record must not stop the read.
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The processor writes listings in transactions; aborted ones are not the directory.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Reading must not create the topic (it would be created without compaction).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "directory-tools-reader");
        return props;
    }
}
