package io.contactdesk.contracts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConsumerLagMetricsTest {

    private final AtomicReference<List<GroupLag>> broker = new AtomicReference<>(List.of());
    private final ConsumerLagMetrics metrics = new ConsumerLagMetrics(broker::get, Duration.ofHours(1),
            new MutableClock(Instant.parse("2026-11-01T10:00:00Z")));

    @Test
    void gaugesFollowTheLastRefreshAndDropVanishedPartitions() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        try {
            // binding starts the background refresh: let its first round (an empty broker) pass
            await().atMost(Duration.ofSeconds(5)).until(() -> metrics.refreshedAt() != null);
            broker.set(List.of(new GroupLag("g", List.of(
                    new PartitionLag("t", 0, 4L, 10L, 6L),
                    new PartitionLag("t", 1, null, 3L, null),
                    new PartitionLag("t", 2, 1L, 2L, 1L)))));
            metrics.refresh();

            assertThat(registry.get(ConsumerLagMetrics.LAG).tags("group", "g", "topic", "t", "partition", "0")
                    .gauge().value()).isEqualTo(6);
            assertThat(registry.find(ConsumerLagMetrics.LAG).tag("partition", "1").gauges()).isEmpty();
            assertThat(registry.get(ConsumerLagMetrics.TOTAL).tag("group", "g").gauge().value()).isEqualTo(7);

            broker.set(List.of(new GroupLag("g", List.of(new PartitionLag("t", 0, 10L, 10L, 0L)))));
            metrics.refresh();

            assertThat(registry.get(ConsumerLagMetrics.LAG).tag("partition", "0").gauge().value()).isZero();
            assertThat(registry.find(ConsumerLagMetrics.LAG).tag("partition", "2").gauges()).isEmpty();
            assertThat(registry.get(ConsumerLagMetrics.TOTAL).tag("group", "g").gauge().value()).isZero();
        } finally {
            metrics.close();
        }
    }

    @Test
    void aFailedRefreshKeepsTheLastSnapshotAndListenersSeeEachSuccess() {
        List<List<GroupLag>> seen = new ArrayList<>();
        metrics.addListener(seen::add);
        List<GroupLag> first = List.of(new GroupLag("g", List.of(new PartitionLag("t", 0, 1L, 2L, 1L))));
        broker.set(first);
        metrics.refresh();
        broker.set(null);
        ConsumerLagMetrics failing = new ConsumerLagMetrics(() -> {
            throw new IllegalStateException("broker away");
        }, Duration.ofHours(1), new MutableClock(Instant.now()));
        failing.refresh();

        assertThat(metrics.latest()).isEqualTo(first);
        assertThat(metrics.refreshedAt()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(seen).containsExactly(first);
        assertThat(failing.latest()).isEmpty();
        assertThat(failing.refreshedAt()).isNull();
    }
}
