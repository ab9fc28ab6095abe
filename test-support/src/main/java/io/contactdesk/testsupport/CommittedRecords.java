package io.contactdesk.testsupport;

import io.contactdesk.contracts.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What topics hold right now, read for assertions: from the beginning to the end as it was when reading started,
 * without a consumer group (so no test's reading moves any group's offsets). Read as the services read,
 * read_committed, unless a method says otherwise; a record of an open or aborted transaction is then not among them.
 */
public final class CommittedRecords {

    // Reading to the end takes milliseconds; a partition that stays behind this long is a broken broker, not a slow one.
    private static final Duration AT_MOST = Duration.ofSeconds(60);

    private CommittedRecords() {
    }

    /** Every committed record of {@code topic}, with its key and value read by the topic's own serdes. */
    public static <K, V> List<ConsumerRecord<K, V>> of(String bootstrapServers, Topic<K, V> topic) {
        return read(bootstrapServers, List.of(topic.name()), IsolationLevel.READ_COMMITTED,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** The committed values of {@code topic} under {@code key}, oldest first; records under other keys stay unread. */
    public static <V> List<V> valuesOf(String bootstrapServers, Topic<String, V> topic, String key) {
        List<V> values = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : read(bootstrapServers, List.of(topic.name()),
                IsolationLevel.READ_COMMITTED, new StringDeserializer(), new ByteArrayDeserializer())) {
            if (key.equals(record.key())) {
                values.add(topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
            }
        }
        return values;
    }

    /** Every committed record of those among {@code topicNames} that exist, as bytes (for topics of any type). */
    public static List<ConsumerRecord<byte[], byte[]>> bytesOf(String bootstrapServers, List<String> topicNames) {
        return read(bootstrapServers, topicNames, IsolationLevel.READ_COMMITTED, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * Every record the log holds of those among {@code topicNames} that exist, as bytes, aborted ones included (a
     * killed producer's): what a broker operator, or anyone with the disks, would see.
     */
    public static List<ConsumerRecord<byte[], byte[]>> includingAborted(String bootstrapServers,
            List<String> topicNames) {
        return read(bootstrapServers, topicNames, IsolationLevel.READ_UNCOMMITTED, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static <K, V> List<ConsumerRecord<K, V>> read(String bootstrapServers, List<String> topicNames,
            IsolationLevel isolation, Deserializer<K> keys, Deserializer<V> values) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.name().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Reading must never create a topic that is not there.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, keys, values)) {
            Set<String> wanted = Set.copyOf(topicNames);
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.listTopics().forEach((name, infos) -> {
                if (wanted.contains(name)) {
                    infos.forEach(info -> partitions.add(new TopicPartition(name, info.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For read_committed, the end is the last stable offset: an open transaction does not keep us waiting.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            long deadline = System.nanoTime() + AT_MOST.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < Objects.requireNonNull(ends.get(p)))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topicNames + " to its end within " + AT_MOST);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
