package io.contactdesk.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether the interactive lane (replies on {@code tg.outbox}) is busy: it holds a record, or held one within the
 * last {@code quiet} period. The grace period covers the gap between two polls of a backlog, when the listener
 * holds nothing for a moment although more replies are waiting. Bulk sends wait while it is busy.
 */
final class InteractiveActivity {

    private final Duration quiet;
    private final LongSupplier nanoClock;
    private final AtomicInteger inHand = new AtomicInteger();
    private final AtomicLong lastReleased;

    InteractiveActivity(Duration quiet, LongSupplier nanoClock) {
        this.quiet = quiet;
        this.nanoClock = nanoClock;
        this.lastReleased = new AtomicLong(nanoClock.getAsLong() - quiet.toNanos());
    }

    /** The interactive listener took a record. */
    void taken() {
        inHand.incrementAndGet();
    }

    /** The interactive listener is done with a record, delivered or not. */
    void released() {
        lastReleased.set(nanoClock.getAsLong());
        inHand.decrementAndGet();
    }

    boolean busy() {
        return inHand.get() > 0 || nanoClock.getAsLong() - lastReleased.get() < quiet.toNanos();
    }
}
