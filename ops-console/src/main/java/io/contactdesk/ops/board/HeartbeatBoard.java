package io.contactdesk.ops.board;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.ThrottledWarning;
import io.contactdesk.contracts.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The latest heartbeat of every instance, read from the compacted {@code ops.heartbeats} topic from its beginning
 * on a thread of its own. No consumer group: the console commits nothing and every console instance sees all.
 */
public class HeartbeatBoard implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatBoard.class);

    private final Map<String, Object> consumerConfig;
    private final Clock clock;
    private final Duration silentAfter;
    private final ThrottledWarning warnings;
    private final Map<String, Heartbeat> latest = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, Heartbeat> consumer;
    private Thread thread;

    public HeartbeatBoard(Map<String, Object> kafkaConfig, Clock clock, Duration silentAfter) {
        this.consumerConfig = new HashMap<>(kafkaConfig);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-console-heartbeats");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.clock = clock;
        this.silentAfter = silentAfter;
        this.warnings = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
    }

    /** One row of the instances table. */
    public record InstanceView(String service, String instance, String host, long startedAt, long uptimeSeconds,
            long heapUsedBytes, long heapMaxBytes, String state, long lastSeen, long secondsSinceSeen,
            boolean silent) {
    }

    public List<InstanceView> instances() {
        Instant now = clock.instant();
        List<InstanceView> rows = new ArrayList<>();
        for (Heartbeat beat : latest.values()) {
            rows.add(view(beat, now, silentAfter));
        }
        rows.sort(Comparator.comparing(InstanceView::service).thenComparing(InstanceView::instance));
        return rows;
    }

    static InstanceView view(Heartbeat beat, Instant now, Duration silentAfter) {
        Instant at = beat.at() == null ? Instant.EPOCH : beat.at();
        Instant started = beat.startedAt() == null ? at : beat.startedAt();
        long sinceSeen = Math.max(0, Duration.between(at, now).toSeconds());
        return new InstanceView(beat.service(), beat.instance(), beat.host(), started.toEpochMilli(),
                Math.max(0, Duration.between(started, at).toSeconds()), beat.heapUsedBytes(), beat.heapMaxBytes(),
                beat.state(), at.toEpochMilli(), sinceSeen, Duration.between(at, now).compareTo(silentAfter) > 0);
    }

    void accept(String key, Heartbeat beat) {
        if (key == null) {
            return;
        }
        if (beat == null) {
            latest.remove(key);
        } else {
            latest.merge(key, beat, (old, neu) -> neu.at() != null && old.at() != null
                    && neu.at().isBefore(old.at()) ? old : neu);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "ops-console-heartbeats");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, Heartbeat> reader = new KafkaConsumer<>(consumerConfig,
                    new StringDeserializer(), Topics.HEARTBEATS.valueSerde().deserializer())) {
                consumer = reader;
                List<TopicPartition> partitions = awaitPartitions(reader);
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                while (running) {
                    try {
                        for (ConsumerRecord<String, Heartbeat> record : reader.poll(Duration.ofSeconds(1))) {
                            accept(record.key(), record.value());
                        }
                    } catch (RecordDeserializationException bad) {
                        warnings.warn("ops.heartbeats: skipping an unreadable record at " + bad.topicPartition()
                                + "@" + bad.offset(), bad);
                        reader.seek(bad.topicPartition(), bad.offset() + 1);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                warnings.warn("ops.heartbeats: cannot read heartbeats", e);
                sleep(Duration.ofSeconds(2));
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, Heartbeat> reader) {
        while (running) {
            List<PartitionInfo> infos = reader.partitionsFor(Topics.HEARTBEATS.name(), Duration.ofSeconds(5));
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
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
            thread = null;
        }
        KafkaConsumer<String, Heartbeat> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (running != null) {
            try {
                running.join(10_000);
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
