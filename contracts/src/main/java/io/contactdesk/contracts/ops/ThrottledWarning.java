package io.contactdesk.contracts.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Logs a recurring problem at WARN at most once per interval, saying how many repeats were suppressed in between,
 * so that a broker that is down for an hour writes 60 lines rather than 360.
 */
public final class ThrottledWarning {

    private final Logger log;
    private final Duration interval;
    private final Clock clock;
    private Instant lastLogged;
    private long suppressed;

    public ThrottledWarning(Logger log, Duration interval, Clock clock) {
        this.log = log;
        this.interval = interval;
        this.clock = clock;
    }

    /** Logs the message unless one was logged less than an interval ago; returns whether it logged. */
    public synchronized boolean warn(String message, Throwable cause) {
        Instant now = clock.instant();
        if (lastLogged != null && now.isBefore(lastLogged.plus(interval))) {
            suppressed++;
            return false;
        }
        String repeats = suppressed > 0 ? " (" + suppressed + " similar warnings suppressed)" : "";
        log.warn("{}: {}{}", message, cause == null ? "" : describe(cause), repeats);
        lastLogged = now;
        suppressed = 0;
        return true;
    }

    /** The cause chain in one line, without a stack trace: these are expected conditions (a broker away). */
    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString();
    }
}
