package io.contactdesk.ops.web;

import io.contactdesk.contracts.ops.ConsumerLag;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.ops.board.AlertBoard;
import io.contactdesk.ops.board.HeartbeatBoard;
import io.contactdesk.ops.board.LagHistory;
import io.contactdesk.ops.board.RecentAlerts;
import io.contactdesk.ops.board.ThroughputBoard;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The console's JSON: what the page shows, and what scripts may read (with the session cookie). */
@RestController
@RequestMapping("/api")
public class ApiController {

    /** The topics drawn in the pipeline picture, in the order of the picture. */
    public static final List<String> PIPELINE_TOPICS = List.of(Topics.UPDATES.name(), Topics.OUTBOX.name(),
            Topics.OUTBOX_BULK.name(), Topics.LEDGER.name(), Topics.USERS.name(), Topics.LISTINGS.name(),
            Topics.UNLOCKS.name(), Topics.AUDIT.name());

    /** The services drawn in the pipeline picture. */
    public static final List<String> PIPELINE_SERVICES =
            List.of("ingress-poller", "command-processor", "db-writer", "notifier");

    private final HeartbeatBoard heartbeats;
    private final ThroughputBoard throughput;
    private final ConsumerLag lag;
    private final ConsumerLagMetrics metrics;
    private final LagHistory history;
    private final AlertBoard alerts;
    private final Clock clock;

    public ApiController(HeartbeatBoard heartbeats, ConsumerLag lag, ConsumerLagMetrics metrics, LagHistory history,
            ThroughputBoard throughput, AlertBoard alerts, Clock clock) {
        this.heartbeats = heartbeats;
        this.alerts = alerts;
        this.throughput = throughput;
        this.lag = lag;
        this.metrics = metrics;
        this.history = history;
        this.clock = clock;
    }

    public record InstancesView(long now, List<HeartbeatBoard.InstanceView> instances) {
    }

    public record GroupView(String group, long totalLag, long unknownPartitions, List<PartitionLag> partitions,
            List<LagHistory.Point> history) {
    }

    public record LagView(long now, Long sampledAt, List<GroupView> groups) {
    }

    public record DeadLetterView(String topic, Long records) {
    }

    /**
     * @param exists whether the topic existed at the last sample
     * @param records the sum of its end offsets at the last sample (null when it did not exist)
     * @param perSecond records per second over the last sampling interval; null until two samples saw the topic
     */
    public record TopicRateView(String topic, boolean exists, Long records, Double perSecond) {
    }

    /** @param live instances of the service whose heartbeat is recent (not silent) and that are not stopped */
    public record ServiceView(String service, int live) {
    }

    public record PipelineView(long now, Long sampledAt, List<TopicRateView> topics, List<ServiceView> services) {
    }

    /** @param skipped records of ops.alerts that could not be read or had no fingerprint */
    public record AlertsView(long now, long skipped, List<RecentAlerts.Row> alerts) {
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
        List<String> topics = Topics.deadLetterTopicNames();
        Map<String, Long> ends = lag.topicEndOffsets(topics);
        return fresh(topics.stream().map(t -> new DeadLetterView(t, ends.get(t))).toList());
    }

    /** The pipeline's topics with their throughput at the last lag sample, and the live instances of each service. */
    @GetMapping("/pipeline")
    public ResponseEntity<PipelineView> pipeline() {
        ThroughputBoard.Rates rates = throughput.latest();
        List<TopicRateView> topics = PIPELINE_TOPICS.stream().map(t -> new TopicRateView(t,
                rates.endOffsets().containsKey(t), rates.endOffsets().get(t), rates.perSecond().get(t))).toList();
        Map<String, Long> live = heartbeats.instances().stream()
                .filter(HeartbeatBoard.InstanceView::live)
                .collect(Collectors.groupingBy(HeartbeatBoard.InstanceView::service, Collectors.counting()));
        List<ServiceView> services = PIPELINE_SERVICES.stream()
                .map(s -> new ServiceView(s, live.getOrDefault(s, 0L).intValue())).toList();
        return fresh(new PipelineView(clock.millis(), rates.sampledAt(), topics, services));
    }

    /** Recent alerts folded by fingerprint, the most recently seen first; their text is the services' (untrusted). */
    @GetMapping("/alerts")
    public ResponseEntity<AlertsView> alerts() {
        RecentAlerts recent = alerts.alerts();
        return fresh(new AlertsView(clock.millis(), recent.skipped(), recent.rows()));
    }

    private static <T> ResponseEntity<T> fresh(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
