package io.contactdesk.processor.topology;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams to commit soon while the processor keeps up, and leaves the commits to its (longer) commit
 * interval while it is behind. Under exactly-once the notifier reads a reply only once its transaction commits, so
 * while updates come in as they are made, a commit every {@code promptInterval} keeps replies prompt; behind a backlog,
 * each commit costs the broker a commit marker on every partition the transaction wrote (about 25), and fewer, larger
 * transactions drain the backlog faster.
 *
 * <p>Whether it keeps up is read from the update itself: fresh (produced within a few prompt intervals of now, by its
 * record timestamp, the poller's produce) or not. A fresh update asks for a commit unless one was asked for less than
 * a prompt interval ago; then the ask is left pending and made by the next {@link #punctuate} (a wall-clock punctuator
 * every prompt interval), so no fresh update waits longer than about a prompt interval for its commit. A stale one
 * asks nothing. So at 20 updates/s each reply commits at once, under a steady load the thread commits every prompt
 * interval, and a backlog, however sparse it was when produced, is committed at Streams' interval.
 *
 * <p>Why not the thread's own pace: an earlier form asked when the thread had processed nothing for an interval. An
 * exactly-once commit itself takes about that long, and Streams halves the records it processes between polls after
 * every commit, so once behind, every record found the thread "quiet" again and the thread committed record by record:
 * 98 updates/s answered at 100/s offered with 1.5 s of lag (2026-12-06 20:55), 917/s at saturation. Here the asks are
 * at most one a prompt interval, and none once the updates are stale.
 */
final class PromptCommits {

    /** How old an update may be and still count as fresh, in prompt intervals. */
    static final int FRESH_INTERVALS = 5;

    private final long intervalMs;
    private final long freshMs;
    // One stream thread commits all its tasks together (exactly_once_v2: one producer, one transaction): when this
    // thread last asked, by the wall clock, and whether a fresh update processed since then still waits for an ask.
    private final ThreadLocal<long[]> lastAsked = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});
    private final ThreadLocal<boolean[]> pending = ThreadLocal.withInitial(() -> new boolean[1]);

    PromptCommits(Duration promptInterval) {
        this.intervalMs = promptInterval.toMillis();
        this.freshMs = intervalMs * FRESH_INTERVALS;
    }

    /**
     * Called as a record is processed, with its timestamp (when the poller produced it): asks for a commit if the
     * record is fresh and no commit was asked for within the prompt interval.
     */
    void recordProcessed(ProcessorContext<?, ?> context, long recordTimestamp) {
        long now = context.currentSystemTimeMs();
        if (now - recordTimestamp > freshMs) {
            return;
        }
        if (!ask(context, now)) {
            pending.get()[0] = true;
        }
    }

    /** Called by a wall-clock punctuator every prompt interval: makes an ask a fresh update left pending. */
    void punctuate(ProcessorContext<?, ?> context) {
        boolean[] waiting = pending.get();
        if (waiting[0] && ask(context, context.currentSystemTimeMs())) {
            waiting[0] = false;
        }
    }

    /** The prompt interval between asks: how often a stream thread's wall-clock punctuator should call {@link #punctuate}. */
    Duration interval() {
        return Duration.ofMillis(intervalMs);
    }

    private boolean ask(ProcessorContext<?, ?> context, long now) {
        long[] last = lastAsked.get();
        if (last[0] != Long.MIN_VALUE && now - last[0] < intervalMs) {
            return false;
        }
        context.commit();
        last[0] = now;
        pending.get()[0] = false;
        return true;
    }
}
