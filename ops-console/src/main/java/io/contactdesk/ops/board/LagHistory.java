package io.contactdesk.ops.board;

import io.contactdesk.contracts.ops.GroupLag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** The total lag of each group over the last hour, one sample per refresh, in memory (for the sparklines). */
public class LagHistory implements Consumer<List<GroupLag>> {

    /** One point of a sparkline: epoch millis and total lag. */
    public record Point(long at, long total) {
    }

    private final Clock clock;
    private final Duration keep;
    private final Map<String, Deque<Point>> samples = new ConcurrentHashMap<>();

    public LagHistory(Clock clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
    }

    @Override
    public void accept(List<GroupLag> snapshot) {
        Instant now = clock.instant();
        for (GroupLag group : snapshot) {
            Deque<Point> series = samples.computeIfAbsent(group.group(), g -> new ArrayDeque<>());
            synchronized (series) {
                series.addLast(new Point(now.toEpochMilli(), group.totalLag()));
            }
        }
        long cutoff = now.minus(keep).toEpochMilli();
        samples.values().forEach(series -> {
            synchronized (series) {
                while (!series.isEmpty() && series.peekFirst().at() < cutoff) {
                    series.removeFirst();
                }
            }
        });
        samples.values().removeIf(series -> {
            synchronized (series) {
                return series.isEmpty();
            }
        });
    }

    public List<Point> of(String group) {
        Deque<Point> series = samples.get(group);
        if (series == null) {
            return List.of();
        }
        synchronized (series) {
            return List.copyOf(series);
        }
    }
}
