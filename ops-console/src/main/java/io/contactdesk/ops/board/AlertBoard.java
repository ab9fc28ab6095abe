package io.contactdesk.ops.board;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.topics.TopicFollower;
import io.contactdesk.contracts.topics.TopicReader;
import io.contactdesk.contracts.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Recent alerts from {@code ops.alerts}, folded into {@link RecentAlerts}: read from {@code lookBack} before
 * start-up, then as they come. After a lost connection it resumes where it was, so nothing is counted twice.
 */
public class AlertBoard {

    private static final Duration SEEK_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final Duration lookBack;
    private final RecentAlerts alerts;
    // Next offset to read per partition: kept across reconnections, so that nothing is counted twice.
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

    public AlertBoard(Clock clock, Duration lookBack, RecentAlerts alerts) {
        this.clock = clock;
        this.lookBack = lookBack;
        this.alerts = alerts;
    }

    /** Reads {@code ops.alerts} into this board: from {@code lookBack} ago, then as alerts come. */
    public TopicFollower follower(Map<String, Object> kafkaConfig) {
        return new TopicFollower(kafkaConfig, "ops-console-alerts", Topics.ALERTS.name(), this::seek,
                TopicReader.decoding(Topics.ALERTS, this::read, this::skip), clock);
    }

    public RecentAlerts alerts() {
        return alerts;
    }

    /** Where this board was for partitions it read before; the first record after the look-back for the others. */
    void seek(TopicReader reader) {
        List<TopicPartition> unread = new ArrayList<>();
        for (TopicPartition partition : reader.partitions()) {
            Long position = positions.get(partition);
            if (position != null) {
                reader.seek(partition, position);
            } else {
                unread.add(partition);
            }
        }
        if (!unread.isEmpty()) {
            // Resolved now, or an alert written before a lazy seek resolves would be missed.
            positions.putAll(reader.seekToTime(unread, clock.instant().minus(lookBack), SEEK_TIMEOUT));
        }
    }

    void read(TopicReader.ReadRecord<OpsAlert> alert) {
        ConsumerRecord<byte[], byte[]> record = alert.record();
        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        alerts.accept(alert.key(), alert.value(), Instant.ofEpochMilli(record.timestamp()));
    }

    /** An alert that cannot be read is counted and passed over; the follower warns about it. */
    void skip(ConsumerRecord<byte[], byte[]> record, RuntimeException failure) {
        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        alerts.skip();
        throw failure;
    }
}
