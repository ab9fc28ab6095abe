package io.contactdesk.ops.web;

import io.contactdesk.contracts.ops.ConsumerLag;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.ops.board.HeartbeatBoard;
import io.contactdesk.ops.board.LagHistory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The console's JSON: what the page shows, and what scripts may read (with the session cookie). */
@RestController
@RequestMapping("/api")
public class ApiController {

    private final HeartbeatBoard heartbeats;
    private final ConsumerLag lag;
    private final ConsumerLagMetrics metrics;
    private final LagHistory history;
    private final Clock clock;

    public ApiController(HeartbeatBoard heartbeats, ConsumerLag lag, ConsumerLagMetrics metrics, LagHistory history,
            Clock clock) {
        this.heartbeats = heartbeats;
        this.lag = lag;
        this.metrics = metrics;
        this.history = history;
        this.clock = clock;
    }

    public record InstancesView(long now, List<HeartbeatBoard.InstanceView> instances) {
    }

    public record GroupView(String group, long totalLag, long unknownPartitions, List<PartitionLag> partitions,
            List<LagHistory.Sample> history) {
    }

    public record LagView(long now, Long sampledAt, List<GroupView> groups) {
    }

    public record DeadLetterView(String topic, Long records) {
    }

    @GetMapping("/instances")
    public ResponseEntity<InstancesView> instances() {
        return fresh(new InstancesView(clock.millis(), heartbeats.instances()));
    }

    /** Lag read from the broker now (as kafka-consumer-groups --describe), with each group's last hour. */
    @GetMapping("/lag")
    public ResponseEntity<LagView> lag() {
        List<GroupView> groups = new ArrayList<>();
        for (GroupLag group : lag.all()) {
            groups.add(new GroupView(group.group(), group.totalLag(), group.unknownPartitions(), group.partitions(),
                    history.of(group.group())));
        }
        return fresh(new LagView(clock.millis(),
                metrics.refreshedAt() == null ? null : metrics.refreshedAt().toEpochMilli(), groups));
    }

    /** Records ever written to each dead-letter topic (the sum of its end offsets); null when it does not exist. */
    @GetMapping("/dead-letters")
    public ResponseEntity<List<DeadLetterView>> deadLetters() {
        List<String> topics = Topics.all().stream().filter(Topic::isDeadLetterTopic).map(Topic::name).toList();
        Map<String, Long> ends = lag.topicEndOffsets(topics);
        return fresh(topics.stream().map(t -> new DeadLetterView(t, ends.get(t))).toList());
    }

    private static <T> ResponseEntity<T> fresh(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
