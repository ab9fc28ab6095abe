package io.contactdesk.contracts.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports consumer lag computed from the broker:
 * <ul>
 * <li>{@code contactdesk.consumer.lag{group,topic,partition}}: one gauge per partition whose lag is known;</li>
 * <li>{@code contactdesk.consumer.lag.total{group}}: the sum of the known lags of a group.</li>
 * </ul>
 * The broker is asked on a background thread every interval (15 s by default), never inside a gauge callback, so a
 * scrape never waits for Kafka. Gauges of partitions and groups that disappear are removed. Listeners get each new
 * snapshot (the ops console keeps its history this way, without asking the broker twice).
 */
public final class ConsumerLagMetrics implements MeterBinder, AutoCloseable {

    public static final String LAG = "contactdesk.consumer.lag";
    public static final String TOTAL = "contactdesk.consumer.lag.total";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final Supplier<List<GroupLag>> source;
    private final Duration interval;
    private final Clock clock;
    private final ThrottledWarning warnings;
    private final List<MultiGauge[]> gauges = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<GroupLag>>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<GroupLag> latest = List.of();
    private volatile Instant refreshedAt;
    private ScheduledExecutorService executor;

    /** @param source usually {@link ConsumerLag#all()} */
    public ConsumerLagMetrics(Supplier<List<GroupLag>> source, Duration interval, Clock clock) {
        this.source = source;
        this.interval = interval;
        this.clock = clock;
        this.warnings = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MultiGauge lag = MultiGauge.builder(LAG)
                .description("Consumer lag per partition: log end offset minus the group's committed offset")
                .baseUnit("records").register(registry);
        MultiGauge total = MultiGauge.builder(TOTAL)
                .description("Sum of the known consumer lags of a group").baseUnit("records").register(registry);
        MultiGauge[] pair = {lag, total};
        gauges.add(pair);
        update(pair, latest);
        start();
    }

    /** Refreshes now, then every interval, on a daemon thread; idempotent. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "consumer-lag-metrics");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the broker once and updates the gauges and listeners; failures keep the last values and are logged. */
    public void refresh() {
        List<GroupLag> snapshot;
        try {
            snapshot = source.get();
        } catch (RuntimeException e) {
            warnings.warn("consumer lag: cannot read offsets from the broker", e);
            return;
        }
        latest = snapshot;
        refreshedAt = clock.instant();
        for (MultiGauge[] pair : gauges) {
            update(pair, snapshot);
        }
        for (Consumer<List<GroupLag>> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                log.warn("consumer lag listener failed", e);
            }
        }
    }

    private static void update(MultiGauge[] pair, List<GroupLag> snapshot) {
        pair[0].register(rows(snapshot), true);
        pair[1].register(snapshot.stream()
                .map(g -> MultiGauge.Row.of(Tags.of("group", g.group()), g.totalLag()))
                .toList(), true);
    }

    static List<MultiGauge.Row<?>> rows(List<GroupLag> snapshot) {
        return snapshot.stream().<MultiGauge.Row<?>>flatMap(g -> g.partitions().stream().filter(PartitionLag::lagKnown)
                .<MultiGauge.Row<?>>map(p -> MultiGauge.Row.of(
                        Tags.of("group", g.group(), "topic", p.topic(), "partition", Integer.toString(p.partition())),
                        p.lag())))
                .toList();
    }

    public void addListener(Consumer<List<GroupLag>> listener) {
        listeners.add(listener);
    }

    /** The last snapshot read from the broker (empty before the first). */
    public List<GroupLag> latest() {
        return latest;
    }

    /** When {@link #latest()} was read; {@code null} before the first success. */
    public Instant refreshedAt() {
        return refreshedAt;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
