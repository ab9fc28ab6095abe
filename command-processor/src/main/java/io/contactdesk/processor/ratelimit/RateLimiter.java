package io.contactdesk.processor.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code maxRequests} updates per user per window (messages and callbacks alike). The first update over the
 * limit is answered once with when to try again; the rest of the window is dropped silently.
 */
public final class RateLimiter {

    private final int maxRequests;
    private final Duration window;

    public RateLimiter(int maxRequests, Duration window) {
        this.maxRequests = maxRequests;
        this.window = window;
    }

    public RateCheck decide(RateWindow current, Instant now) {
        if (current == null || !current.startedAt().plus(window).isAfter(now) || now.isBefore(current.startedAt())) {
            return new RateCheck(Verdict.ALLOW, new RateWindow(now, 1, false, 0), 0);
        }
        int requests = current.requests() + 1;
        if (requests <= maxRequests) {
            return new RateCheck(Verdict.ALLOW, new RateWindow(current.startedAt(), requests, false, current.dropped()), 0);
        }
        long retryAfter = Math.max(1, Duration.between(now, current.startedAt().plus(window)).toSeconds());
        RateWindow over = new RateWindow(current.startedAt(), requests, true, current.dropped() + 1);
        return new RateCheck(current.warned() ? Verdict.DROP : Verdict.WARN, over, retryAfter);
    }

    public enum Verdict {
        ALLOW,
        WARN,
        DROP
    }

    public record RateCheck(Verdict verdict, RateWindow window, long retryAfterSeconds) {
    }
}
