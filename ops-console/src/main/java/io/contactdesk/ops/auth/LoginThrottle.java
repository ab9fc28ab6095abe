package io.contactdesk.ops.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** At most {@code max} failed logins per window, for everyone together: guessing the password stays slow. */
final class LoginThrottle {

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> failures = new ArrayDeque<>();

    LoginThrottle(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
    }

    synchronized boolean allowed() {
        Instant cutoff = clock.instant().minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
            failures.removeFirst();
        }
        return failures.size() < max;
    }

    synchronized void failed() {
        failures.addLast(clock.instant());
    }
}
