package io.contactdesk.ops.board;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.ops.ThrottledWarning;
import io.contactdesk.contracts.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Recent alerts from {@code ops.alerts}, read on a thread of its own like {@link HeartbeatBoard}: from
 * {@code lookBack} before start-up, then as they come, folded into {@link RecentAlerts}. No consumer group: the
 * console commits nothing. After a lost connection it resumes where it was, so nothing is counted twice.
 */
public class AlertBoard implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertBoard.class);

    private final Map<String, Object> consumerConfig;
    private final Clock clock;
    private final Duration lookBack;
    private final RecentAlerts alerts;
    private final ThrottledWarning warnings;
    // Next offset to read per partition; only the reading thread touches it.
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, OpsAlert> consumer;
    private Thread thread;

    public AlertBoard(Map<String, Object> kafkaConfig, Clock clock, Duration lookBack, RecentAlerts alerts) {
        this.consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-console-alerts");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.clock = clock;
        this.lookBack = lookBack;
        this.alerts = alerts;
        this.warnings = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
    }

    public RecentAlerts alerts() {
        return alerts;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "ops-console-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, OpsAlert> reader = new KafkaConsumer<>(consumerConfig,
                    new StringDeserializer(), Topics.ALERTS.valueSerde().deserializer())) {
                consumer = reader;
                List<TopicPartition> partitions = awaitPartitions(reader);
                reader.assign(partitions);
                seek(reader, partitions);
                while (running) {
                    try {
                        for (ConsumerRecord<String, OpsAlert> record : reader.poll(Duration.ofSeconds(1))) {
                            positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                            alerts.accept(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
                        }
                    } catch (RecordDeserializationException bad) {
                        alerts.skip();
                        warnings.warn("ops.alerts: skipping an unreadable record at " + bad.topicPartition()
                                + "@" + bad.offset(), bad);
                        positions.put(bad.topicPartition(), bad.offset() + 1);
                        reader.seek(bad.topicPartition(), bad.offset() + 1);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                warnings.warn("ops.alerts: cannot read alerts", e);
                sleep(Duration.ofSeconds(2));
            } finally {
                consumer = null;
            }
        }
    }

    /** Where this board was for partitions it read before; the first record after the look-back for the others. */
    private void seek(KafkaConsumer<String, OpsAlert> reader, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = clock.instant().minus(lookBack).toEpochMilli();
        for (TopicPartition partition : partitions) {
            Long position = positions.get(partition);
            if (position != null) {
                reader.seek(partition, position);
            } else {
                since.put(partition, from);
            }
        }
        if (since.isEmpty()) {
            return;
        }
        List<TopicPartition> toEnd = new ArrayList<>();
        reader.offsetsForTimes(since, Duration.ofSeconds(10)).forEach((partition, found) -> {
            if (found == null) {
                toEnd.add(partition); // nothing as recent as the look-back: only what comes from now on
            } else {
                reader.seek(partition, found.offset());
            }
        });
        if (!toEnd.isEmpty()) {
            reader.seekToEnd(toEnd);
            // Fix the end now, or an alert written before the lazy seek resolves would be skipped.
            toEnd.forEach(partition -> positions.put(partition, reader.position(partition, Duration.ofSeconds(10))));
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, OpsAlert> reader) {
        while (running) {
            List<PartitionInfo> infos = reader.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(5));
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
        KafkaConsumer<String, OpsAlert> current = consumer;
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
