package io.contactdesk.notifier.broadcast;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole compacted topic from the beginning and then follows it, on a thread of its own, without a consumer
 * group: every notifier needs every record (the latest state per key), not a share of them. Says when it has read
 * up to where the topic ended at start.
 */
final class CompactedTopicFollower<V> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicFollower.class);

    private final String topic;
    private final Map<String, Object> consumerProperties;
    private final Deserializer<V> values;
    private final BiConsumer<String, V> sink;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closed;
    private Thread thread;

    CompactedTopicFollower(String topic, Map<String, Object> consumerProperties, Deserializer<V> values,
            BiConsumer<String, V> sink) {
        this.topic = topic;
        this.consumerProperties = consumerProperties;
        this.values = values;
        this.sink = sink;
    }

    synchronized void start() {
        thread = new Thread(this::run, "notifier-reader-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        while (!closed) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                if (closed) {
                    return;
                }
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // Kafka away or the topic not there yet: read it all again once it is.
                log.warn("reading {} failed, starting over in 1 s: {}", topic, e.toString());
                sleep();
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions yet");
        }
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
        while (!closed) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                // Parsed here, not by the consumer: one unreadable record must not stop the reader for good.
                try {
                    sink.accept(record.key(), record.value() == null ? null : values.deserialize(topic, record.value()));
                } catch (RuntimeException e) {
                    log.warn("{} record {}@{}: ignored: {}", topic, record.partition(), record.offset(), e.toString());
                }
            }
            if (!caughtUp() && partitions.stream().allMatch(p -> kafka.position(p) >= ends.get(p))) {
                log.info("read {} up to its end at start", topic);
                caughtUp.countDown();
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Consumer settings of a group-less reader: no group, no commits, only committed records. */
    static Map<String, Object> readerProperties(Map<String, Object> base, String clientId) {
        Map<String, Object> properties = new java.util.HashMap<>(base);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        properties.remove(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        properties.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return properties;
    }
}
