package io.contactdesk.processor.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams to commit as soon as the record in hand is processed, not at the next tick of the commit
 * interval, unless this stream thread asked within the last interval. Under exactly-once the notifier reads a reply
 * only once its transaction commits, and the thread's interval ticks whether records come or not, so a record that
 * arrives alone waited for the tick (half the interval on average). A quiet bot's update is committed at once; under
 * load, commits come at most once an interval from here plus Kafka Streams' own, and each carries a batch.
 */
final class PromptCommits {

    private final long intervalMs;
    // One stream thread commits all its tasks together (exactly_once_v2: one producer, one transaction): spacing the
    // requests per thread spaces the commits.
    private final ThreadLocal<long[]> lastAsked = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    PromptCommits(Duration interval) {
        this.intervalMs = interval.toMillis();
    }

    /** Called once a record was processed: commits soon, unless this thread asked for a commit within the interval. */
    void recordProcessed(ProcessorContext<?, ?> context) {
        long now = context.currentSystemTimeMs();
        long[] last = lastAsked.get();
        if (last[0] == Long.MIN_VALUE || now - last[0] >= intervalMs) {
            last[0] = now;
            context.commit();
        }
    }
}
