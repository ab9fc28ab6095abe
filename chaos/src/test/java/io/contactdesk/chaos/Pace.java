package io.contactdesk.chaos;

import io.contactdesk.infra.process.ServiceProcess;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spaces the workload's updates so that, together, they stay below what one bot may send: Telegram allows 30
 * messages a second, so a load above that only builds a backlog that no amount of reliability can drain in time.
 * The threads still choose their users and moments at random; this only caps their sum.
 */
final class Pace {

    private final long intervalNanos;
    private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());

    Pace(double updatesPerSecond) {
        if (!(updatesPerSecond > 0)) {
            throw new IllegalArgumentException("chaos.rate must be above 0, was " + updatesPerSecond);
        }
        this.intervalNanos = (long) (1e9 / updatesPerSecond);
    }

    /** Blocks until the caller's slot, one interval after the previous caller's. */
    void awaitSlot() {
        long now = System.nanoTime();
        long slot = nextSlot.getAndUpdate(next -> Math.max(next, now) + intervalNanos);
        long wait = Math.max(slot, now) - now;
        if (wait > 0) {
            ServiceProcess.sleep(wait / 1_000_000);
        }
    }
}
