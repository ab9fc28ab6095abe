package io.contactdesk.processor.ratelimit;

import java.time.Instant;

/** One user's requests in the current window, kept in the {@code rate-windows} store. */
public record RateWindow(Instant startedAt, int requests, boolean warned, long dropped) {
}
