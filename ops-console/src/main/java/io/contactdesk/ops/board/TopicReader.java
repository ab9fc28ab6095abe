package io.contactdesk.ops.board;

import io.contactdesk.contracts.ops.ThrottledWarning;
import io.contactdesk.contracts.topics.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads all partitions of one topic on a thread of its own until stopped, reconnecting after failures. No consumer
 * group: the console commits nothing and every console instance sees all. An unreadable record is skipped with a
 * (throttled) warning, never ends the reading.
 */
abstract class TopicReader<V> implements SmartLifecycle {

    private final Topic<String, V> topic;
    private final String clientId;
    private final Map<String, Object> consumerConfig;
    private final ThrottledWarning warnings;
    private volatile boolean running;
    private volatile KafkaConsumer<String, V> consumer;
    private Thread thread;

    TopicReader(Topic<String, V> topic, String clientId, Map<String, Object> kafkaConfig, Clock clock) {
        this.topic = topic;
        this.clientId = clientId;
        this.consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.warnings = new ThrottledWarning(LoggerFactory.getLogger(getClass()), Duration.ofMinutes(1), clock);
    }

    /** Positions a newly connected reader on its partitions: on start-up and after every reconnection. */
    abstract void seek(KafkaConsumer<String, V> reader, List<TopicPartition> partitions);

    abstract void read(ConsumerRecord<String, V> record);

    /** The record at {@code offset} could not be deserialized and is passed over. */
    void skipped(TopicPartition partition, long offset) {
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, V> reader = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                    topic.valueSerde().deserializer())) {
                consumer = reader;
                List<TopicPartition> partitions = awaitPartitions(reader);
                reader.assign(partitions);
                seek(reader, partitions);
                while (running) {
                    try {
                        for (ConsumerRecord<String, V> record : reader.poll(Duration.ofSeconds(1))) {
                            read(record);
                        }
                    } catch (RecordDeserializationException bad) {
                        warnings.warn(topic.name() + ": skipping an unreadable record at " + bad.topicPartition()
                                + "@" + bad.offset(), bad);
                        skipped(bad.topicPartition(), bad.offset());
                        reader.seek(bad.topicPartition(), bad.offset() + 1);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                warnings.warn(topic.name() + ": cannot read the topic", e);
                sleep(Duration.ofSeconds(2));
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, V> reader) {
        while (running) {
            List<PartitionInfo> infos = reader.partitionsFor(topic.name(), Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new WakeupException();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        Thread reading;
        synchronized (this) {
            running = false;
            reading = thread;
            thread = null;
        }
        KafkaConsumer<String, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reading != null) {
            try {
                reading.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
