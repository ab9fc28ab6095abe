package io.contactdesk.contracts.retry;

import java.time.Duration;

/**
 * Exponential backoff: the ceiling doubles from {@code initial} up to {@code max}. {@link #delay} draws the wait
 * from the ceiling's upper half, so services that failed together do not call again in step, yet never retry
 * sooner than half the intended delay; {@link #steps()} waits the ceiling itself, for a single loop that
 * retries one thing until it succeeds.
 */
public record ExponentialBackoff(Duration initial, Duration max) {

    /**
     * @param retry 1 for the wait before the second call, 2 before the third…
     * @param random uniform in [0, 1)
     */
    public Duration delay(int retry, double random) {
        long ceiling = ceilingMillis(retry);
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + (long) (random * (ceiling - floor)));
    }

    public long ceilingMillis(int retry) {
        long initialMillis = initial.toMillis();
        long maxMillis = max.toMillis();
        // Shifting past 62 bits would overflow; by then the cap has long been reached.
        int doublings = Math.min(Math.max(retry - 1, 0), 62);
        if (initialMillis > (maxMillis >> doublings)) {
            return maxMillis;
        }
        return Math.min(maxMillis, initialMillis << doublings);
    }

    /** A fresh run of waits without jitter: the ceiling for each consecutive failure, until {@code reset}. */
    public Steps steps() {
        return new Steps(this);
    }

    /** Counts consecutive failures; shared by the threads of one loop, hence synchronized. */
    public static final class Steps {

        private final ExponentialBackoff backoff;
        private int failures;

        private Steps(ExponentialBackoff backoff) {
            this.backoff = backoff;
        }

        /** The wait after one more failure. */
        public synchronized Duration next() {
            // Past the cap the count need not grow; keeping it bounded keeps it from wrapping.
            if (failures < 63) {
                failures++;
            }
            return Duration.ofMillis(backoff.ceilingMillis(failures));
        }

        /** A success: the next failure waits {@code initial} again. */
        public synchronized void reset() {
            failures = 0;
        }
    }
}
