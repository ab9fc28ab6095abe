package io.contactdesk.ops.board;

import io.contactdesk.contracts.ops.GroupLag;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Records per second written to each topic over the last sampling interval: the change of the sum of its partitions'
 * end offsets between two consecutive lag samples, divided by the time between them. A listener of
 * {@code ConsumerLagMetrics}, so it samples when the lag is sampled and keeps only the previous sample.
 */
public class ThroughputBoard implements Consumer<List<GroupLag>> {

    /** One sample: epoch millis and the sum of end offsets of each topic that existed. */
    public record Sample(long at, Map<String, Long> endOffsets) {
    }

    /** The latest rates: {@code perSecond} holds a key for each topic that exists, its value null when unknown. */
    public record Rates(Long sampledAt, Map<String, Long> endOffsets, Map<String, Double> perSecond) {
        static final Rates NONE = new Rates(null, Map.of(), Map.of());
    }

    private final Supplier<Map<String, Long>> endOffsets;
    private final Clock clock;
    private Sample previous;
    private volatile Rates latest = Rates.NONE;

    /** @param endOffsets usually {@code () -> lag.topicEndOffsets(topics)}: the sum of end offsets per existing topic */
    public ThroughputBoard(Supplier<Map<String, Long>> endOffsets, Clock clock) {
        this.endOffsets = endOffsets;
        this.clock = clock;
    }

    @Override
    public void accept(List<GroupLag> ignored) {
        sample();
    }

    /** Reads the end offsets now and computes the rates against the previous sample. */
    public synchronized void sample() {
        Sample current = new Sample(clock.millis(), Map.copyOf(endOffsets.get()));
        latest = new Rates(current.at(), current.endOffsets(), rates(previous, current));
        previous = current;
    }

    public Rates latest() {
        return latest;
    }

    /**
     * Records per second of each topic of {@code current}: null on the first sample, for a topic that was not in the
     * previous sample, when no time passed, or when the offsets went back (a recreated topic). Topics that do not
     * exist now are absent.
     */
    static Map<String, Double> rates(Sample previous, Sample current) {
        Map<String, Double> rates = new LinkedHashMap<>();
        long elapsedMs = previous == null ? 0 : current.at() - previous.at();
        current.endOffsets().forEach((topic, end) -> {
            Long before = previous == null ? null : previous.endOffsets().get(topic);
            Double rate = null;
            if (before != null && end != null && elapsedMs > 0 && end >= before) {
                rate = (end - before) * 1000.0 / elapsedMs;
            }
            rates.put(topic, rate);
        });
        return Collections.unmodifiableMap(rates);
    }
}
