package io.contactdesk.notifier.delivery;

import java.time.Duration;

/**
 * Exponential backoff with jitter: the ceiling doubles from {@code initial} up to {@code max}, and the wait
 * is drawn from its upper half, so notifiers that failed together do not call Telegram again in step, yet
 * never retry sooner than half the intended delay.
 */
record Backoff(Duration initial, Duration max) {

    /**
     * @param retry 1 for the wait before the second call, 2 before the third…
     * @param random uniform in [0, 1)
     */
    Duration delay(int retry, double random) {
        long ceiling = ceilingMillis(retry);
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + (long) (random * (ceiling - floor)));
    }

    long ceilingMillis(int retry) {
        long initialMillis = initial.toMillis();
        long maxMillis = max.toMillis();
        // Shifting past 62 bits would overflow; by then the cap has long been reached.
        int doublings = Math.min(Math.max(retry - 1, 0), 62);
        if (initialMillis > (maxMillis >> doublings)) {
            return maxMillis;
        }
        return Math.min(maxMillis, initialMillis << doublings);
    }
}
