package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * Something an operator must know: an ERROR log event, a failed health check or a critical condition (a silent
 * instance, a growing dead-letter topic, lasting consumer lag). Keyed by {@code fingerprint} on {@code ops.alerts},
 * so repeats of one problem can be folded into a summary.
 *
 * @param severity {@code CRITICAL}, {@code ERROR} or {@code WARNING}
 * @param fingerprint stable for "the same problem": e.g. service + logger + exception class + message template
 * @param stackHead the first lines of the stack trace, if any
 */
public record OpsAlert(
        String alertId,
        String severity,
        String service,
        String instance,
        String fingerprint,
        String message,
        String stackHead,
        Instant at) {
}
