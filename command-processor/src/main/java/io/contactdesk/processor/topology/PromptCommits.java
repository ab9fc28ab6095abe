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
 * a prompt interval ago; a stale one asks nothing. So at 20 updates/s each reply commits at once, under a steady load
 * the thread commits every prompt interval, and a backlog, however sparse it was when produced, is committed at
 * Streams' interval.
 *
 * <p>A fresh update processed within a prompt interval of the last ask waits for the next fresh update or Streams'
 * tick (up to 100 ms). A wall-clock punctuator making that ask later was tried and dropped: every wall-clock
 * punctuation marks its task as needing a commit (StreamTask.maybePunctuateSystemTime), so a 20-ms punctuator made
 * every task commit an offsets-only transaction at every tick, idle or not.
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
    // thread last asked, by the wall clock.
    private final ThreadLocal<long[]> lastAsked = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

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
        long[] last = lastAsked.get();
        if (last[0] == Long.MIN_VALUE || now - last[0] >= intervalMs) {
            context.commit();
            last[0] = now;
        }
    }
}
