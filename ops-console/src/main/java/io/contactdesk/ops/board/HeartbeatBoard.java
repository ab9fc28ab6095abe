package io.contactdesk.ops.board;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The latest heartbeat of every instance, read from the compacted {@code ops.heartbeats} topic from its beginning;
 * instances that something replaced long enough ago leave the list ({@link Roster}).
 */
public class HeartbeatBoard extends TopicReader<Heartbeat> {

    private final Clock clock;
    private final Duration silentAfter;
    private final Roster roster;
    private final Map<String, Heartbeat> latest = new ConcurrentHashMap<>();

    public HeartbeatBoard(Map<String, Object> kafkaConfig, Clock clock, Duration silentAfter, Roster roster) {
        super(Topics.HEARTBEATS, "ops-console-heartbeats", kafkaConfig, clock);
        this.clock = clock;
        this.silentAfter = silentAfter;
        this.roster = roster;
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
        return roster.current(rows);
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
    void seek(KafkaConsumer<String, Heartbeat> reader, List<TopicPartition> partitions) {
        reader.seekToBeginning(partitions);
    }

    @Override
    void read(ConsumerRecord<String, Heartbeat> record) {
        accept(record.key(), record.value());
    }
}
