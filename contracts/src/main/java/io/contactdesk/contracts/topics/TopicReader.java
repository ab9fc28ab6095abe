package io.contactdesk.contracts.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every partition of one topic with a consumer of no group: it commits nothing, disturbs no service's group,
 * and sees every record (the latest state per key of a compacted topic, every instance's heartbeat). The one way the
 * services and tools read a topic, to its end ({@link #readToEnd}) or for as long as they run ({@link TopicFollower}).
 *
 * <p>Records come as bytes and are decoded by the reader's user ({@link #decoding}), so that one unreadable record
 * never stops a read; only committed records, since most writers use transactions and an aborted record was never
 * written; and reading never creates the topic (it would be created without its settings).
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    /** Client ids must differ within a JVM (Kafka registers an MBean by id): readers of one name are numbered. */
    private static final AtomicLong READERS = new AtomicLong();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private List<TopicPartition> partitions = List.of();

    private TopicReader(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /**
     * A reader of all partitions of {@code topic}, positioned nowhere yet; of none when the topic does not exist.
     *
     * @param kafkaConfig the service's client settings (bootstrap servers, security); group and deserializers in it
     *     are left out
     * @throws TimeoutException when the broker does not answer within {@code timeout}
     */
    public static TopicReader open(Map<String, Object> kafkaConfig, String clientId, String topic, Duration timeout) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(kafkaConfig, clientId),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            TopicReader reader = new TopicReader(consumer, topic);
            reader.lookForPartitions(timeout);
            return reader;
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    static Map<String, Object> config(Map<String, Object> base, String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        // A service's listener settings (one record per poll, long poll intervals) are not a reader's.
        config.remove(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        config.remove(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + READERS.incrementAndGet());
        return config;
    }

    public String topic() {
        return topic;
    }

    /** False for a topic that does not exist (yet): a reader of no partitions, which reads nothing. */
    public boolean exists() {
        return !partitions.isEmpty();
    }

    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** Asks the broker again for the topic's partitions and takes them all, unpositioned; false while none. */
    public boolean lookForPartitions(Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        partitions = infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        return exists();
    }

    public void seekToBeginning() {
        consumer.seekToBeginning(partitions);
    }

    /** Each partition at its last {@code records} records, or at its beginning where it holds fewer. */
    public void seekToLast(int records, Duration timeout) {
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, timeout);
        consumer.endOffsets(partitions, timeout).forEach((partition, end) ->
                consumer.seek(partition, Math.max(begin.get(partition), end - records)));
    }

    public void seek(TopicPartition partition, long offset) {
        consumer.seek(partition, offset);
    }

    /**
     * Each of {@code partitions} at its first record written at or after {@code time}, or at its end when none is that
     * recent; returns the offsets it chose, resolved now, so that a record written meanwhile is not skipped.
     */
    public Map<TopicPartition, Long> seekToTime(Collection<TopicPartition> partitions, Instant time, Duration timeout) {
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(partition -> at.put(partition, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at, timeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> chosen = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            long position = offset == null ? ends.get(partition) : offset.offset();
            consumer.seek(partition, position);
            chosen.put(partition, position);
        }
        return chosen;
    }

    /** Where every partition ends now: the offset its next record will get. */
    public Map<TopicPartition, Long> endOffsets(Duration timeout) {
        return consumer.endOffsets(partitions, timeout);
    }

    /** Whether the reader has read every partition up to {@code ends}. */
    public boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /**
     * Hands {@code each} every record from where the reader stands up to where the topic ends when this is called;
     * what is written meanwhile is left for later.
     *
     * @throws TimeoutException when the end is not reached within {@code timeout}
     */
    public void readToEnd(Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = endOffsets(timeout);
        while (!reached(ends)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("did not reach the end of " + topic + " within " + timeout);
            }
            poll(POLL, each);
        }
    }

    /** Hands {@code each} what arrives within {@code wait}. */
    public void poll(Duration wait, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        consumer.poll(wait).forEach(each);
    }

    /** Ends a poll of another thread with a {@code WakeupException}: how a reader on a thread of its own is stopped. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    /** One record as its topic's serdes read it; {@code value} null for a tombstone. */
    public record ReadRecord<V>(String key, V value, ConsumerRecord<byte[], byte[]> record) {

        /** {@code topic-partition@offset}: where the record is, never what it holds (it may hold a contact). */
        public String position() {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }
    }

    /** Hands {@code each} the records as {@code topic} decodes them; one that does not decode throws. */
    public static <V> Consumer<ConsumerRecord<byte[], byte[]>> decoding(Topic<String, V> topic,
            Consumer<ReadRecord<V>> each) {
        return decoding(topic, each, (record, failure) -> {
            throw failure;
        });
    }

    /**
     * Hands {@code each} the records as {@code topic} decodes them; a record that does not decode goes to
     * {@code unreadable} with the failure, and the read goes on.
     */
    public static <V> Consumer<ConsumerRecord<byte[], byte[]>> decoding(Topic<String, V> topic,
            Consumer<ReadRecord<V>> each,
            BiConsumer<ConsumerRecord<byte[], byte[]>, RuntimeException> unreadable) {
        return record -> {
            ReadRecord<V> entry;
            try {
                String key = record.key() == null ? null
                        : topic.keySerde().deserializer().deserialize(record.topic(), record.key());
                V value = record.value() == null ? null
                        : topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                entry = new ReadRecord<>(key, value, record);
            } catch (RuntimeException e) {
                unreadable.accept(record, e);
                return;
            }
            each.accept(entry);
        };
    }
}
