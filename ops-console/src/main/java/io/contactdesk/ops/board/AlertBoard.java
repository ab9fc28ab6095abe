package io.contactdesk.ops.board;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Recent alerts from {@code ops.alerts}, folded into {@link RecentAlerts}: read from {@code lookBack} before
 * start-up, then as they come. After a lost connection it resumes where it was, so nothing is counted twice.
 */
public class AlertBoard extends TopicReader<OpsAlert> {

    private final Clock clock;
    private final Duration lookBack;
    private final RecentAlerts alerts;
    // Next offset to read per partition; only the reading thread touches it.
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    public AlertBoard(Map<String, Object> kafkaConfig, Clock clock, Duration lookBack, RecentAlerts alerts) {
        super(Topics.ALERTS, "ops-console-alerts", kafkaConfig, clock);
        this.clock = clock;
        this.lookBack = lookBack;
        this.alerts = alerts;
    }

    public RecentAlerts alerts() {
        return alerts;
    }

    /** Where this board was for partitions it read before; the first record after the look-back for the others. */
    @Override
    void seek(KafkaConsumer<String, OpsAlert> reader, List<TopicPartition> partitions) {
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
            // Fix the end now, or an alert written before the lazy seek resolves would be missed.
            toEnd.forEach(partition -> positions.put(partition, reader.position(partition, Duration.ofSeconds(10))));
        }
    }

    @Override
    void read(ConsumerRecord<String, OpsAlert> record) {
        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        alerts.accept(record.key(), record.value(), Instant.ofEpochMilli(record.timestamp()));
    }

    @Override
    void skipped(TopicPartition partition, long offset) {
        positions.put(partition, offset + 1);
        alerts.skip();
    }
}
