package io.contactdesk.ops.board;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.Roster;
import io.contactdesk.contracts.topics.TopicFollower;
import io.contactdesk.contracts.topics.TopicReader;
import io.contactdesk.contracts.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest heartbeat of every instance, read from the compacted {@code ops.heartbeats} topic from its beginning;
 * instances that something replaced long enough ago leave the list ({@link Roster}).
 */
public class HeartbeatBoard {

    private final Clock clock;
    private final Roster roster;
    private final Map<String, Heartbeat> latest = new ConcurrentHashMap<>();

    public HeartbeatBoard(Clock clock, Roster roster) {
        this.clock = clock;
        this.roster = roster;
    }

    /** Reads {@code ops.heartbeats} from its beginning into this board, and then as instances beat. */
    public TopicFollower follower(Map<String, Object> kafkaConfig) {
        return new TopicFollower(kafkaConfig, "ops-console-heartbeats", Topics.HEARTBEATS.name(),
                TopicReader::seekToBeginning,
                TopicReader.decoding(Topics.HEARTBEATS, beat -> accept(beat.key(), beat.value())), clock);
    }

    /**
     * One row of the instances table.
     *
     * @param live beating and not stopped: one of its service's running instances
     * @param facts what the instance said about its work in its last heartbeat (e.g. the ingress mode and Telegram's
     *     getWebhookInfo), in its order
     */
    public record InstanceView(String service, String instance, String host, long startedAt, long uptimeSeconds,
            long heapUsedBytes, long heapMaxBytes, String state, long lastSeen, long secondsSinceSeen,
            boolean silent, boolean live, Map<String, String> facts) {
    }

    public List<InstanceView> instances() {
        Instant now = clock.instant();
        List<InstanceView> rows = new ArrayList<>();
        for (Heartbeat beat : roster.current(latest.values(), now)) {
            rows.add(view(beat, now, roster));
        }
        rows.sort(Comparator.comparing(InstanceView::service).thenComparing(InstanceView::instance));
        return rows;
    }

    static InstanceView view(Heartbeat beat, Instant now, Roster roster) {
        Instant at = beat.at() == null ? Instant.EPOCH : beat.at();
        Instant started = beat.startedAt() == null ? at : beat.startedAt();
        long sinceSeen = Math.max(0, Duration.between(at, now).toSeconds());
        return new InstanceView(beat.service(), beat.instance(), beat.host(), started.toEpochMilli(),
                Math.max(0, Duration.between(started, at).toSeconds()), beat.heapUsedBytes(), beat.heapMaxBytes(),
                beat.state(), at.toEpochMilli(), sinceSeen, roster.silent(beat, now), roster.live(beat, now),
                beat.facts());
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
}
