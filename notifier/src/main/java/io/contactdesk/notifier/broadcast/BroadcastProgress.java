package io.contactdesk.notifier.broadcast;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a broadcast stands, for its status message.
 *
 * @param totalKnown whether all processor tasks reported, so {@code recipients} is final
 * @param inFlight calls under way (claimed, not settled)
 * @param eta null while unknown
 */
record BroadcastProgress(String broadcastId, long sent, long blocked, long failed, long recipients, boolean totalKnown,
        boolean cancelled, long inFlight, Duration eta) {

    enum State { RUNNING, FINISHED, CANCELLED }

    static BroadcastProgress of(BroadcastTotals totals, BroadcastLedger.Tally tally, boolean cancelled, Instant now) {
        long settled = tally.settled();
        long remaining = Math.max(0, totals.recipients() - settled);
        Duration eta = null;
        if (totals.complete() && settled > 0 && tally.firstAt() != null) {
            long elapsedMillis = Math.max(1, Duration.between(tally.firstAt(), now).toMillis());
            // The rate so far, as the remaining recipients go out at the same pace (flood limits make it steady).
            eta = Duration.ofMillis((long) ((double) remaining * elapsedMillis / settled));
        }
        return new BroadcastProgress(totals.broadcastId(), tally.sent(), tally.blocked(), tally.failed(),
                totals.recipients(), totals.complete(), cancelled, tally.inFlight(), eta);
    }

    State state() {
        if (totalKnown && sent + blocked + failed >= recipients) {
            return State.FINISHED;
        }
        // Calls under way still land: the final count waits for them.
        if (cancelled && inFlight == 0) {
            return State.CANCELLED;
        }
        return State.RUNNING;
    }
}
