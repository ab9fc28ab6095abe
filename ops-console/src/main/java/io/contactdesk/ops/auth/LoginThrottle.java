package io.contactdesk.ops.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per client address, with a growing wait: after {@code freeFailures} failures from one address each
 * further failure makes it wait twice as long as the last (from {@code firstWait} up to {@code maxWait}) before it
 * may try again. One address guessing passwords slows only itself; operators elsewhere still log in.
 *
 * <p>{@link #begin} checks and counts in one step: an attempt is counted as a failure before the password is even
 * compared, and {@link #succeeded} forgives it. So a burst of parallel guesses cannot all pass the check before the
 * first of them is counted.
 */
final class LoginThrottle {

    /** Addresses remembered at most; the quietest are forgotten first (an attacker rotating addresses gains no memory). */
    static final int MAX_ADDRESSES = 10_000;

    private final int freeFailures;
    private final Duration firstWait;
    private final Duration maxWait;
    private final Duration forgetAfter;
    private final Clock clock;
    // Access order: the least recently seen address is evicted first.
    private final Map<String, FailedLogins> byAddress = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(int freeFailures, Duration firstWait, Duration maxWait, Clock clock) {
        this.freeFailures = freeFailures;
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.forgetAfter = maxWait.multipliedBy(2);
        this.clock = clock;
    }

    private record FailedLogins(int count, Instant last, Instant blockedUntil) {
    }

    /**
     * Whether {@code address} may try a password now; if so the attempt is already counted as failed.
     *
     * @return empty to go ahead, or how long the address must still wait
     */
    synchronized Optional<Duration> begin(String address) {
        Instant now = clock.instant();
        FailedLogins failures = byAddress.get(address);
        if (failures != null && failures.last().plus(forgetAfter).isBefore(now)) {
            failures = null;
        }
        if (failures != null && now.isBefore(failures.blockedUntil())) {
            return Optional.of(Duration.between(now, failures.blockedUntil()));
        }
        int count = failures == null ? 1 : failures.count() + 1;
        byAddress.put(address, new FailedLogins(count, now, now.plus(waitAfter(count))));
        if (byAddress.size() > MAX_ADDRESSES) {
            byAddress.remove(byAddress.keySet().iterator().next());
        }
        return Optional.empty();
    }

    /** The password was right: the address starts afresh. */
    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    private Duration waitAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures, 30);
        Duration wait = firstWait.multipliedBy(1L << doublings);
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
