package io.contactdesk.processor.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What became of each update, for dashboards: handled, dropped as a duplicate or over the rate limit, or dead-lettered. */
final class UpdateMetrics {

    private final Counter handled;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Counter rateLimited;
    private final Counter deadLetters;

    UpdateMetrics(MeterRegistry meters) {
        this.handled = counter(meters, "handled");
        this.duplicates = counter(meters, "duplicate");
        this.deadLettered = counter(meters, "dead_lettered");
        this.rateLimited = counter(meters, "rate_limited");
        // The same name db-writer and notifier count their dead letters by, so one panel shows them all.
        this.deadLetters = Counter.builder("contactdesk.dlq.records").tag("topic", "tg.updates.dlq").register(meters);
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("contactdesk.processor.updates")
                .description("Telegram updates by what became of them")
                .tag("outcome", outcome)
                .register(meters);
    }

    void handled() {
        handled.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    void rateLimited() {
        rateLimited.increment();
    }

    void deadLettered() {
        deadLettered.increment();
        deadLetters.increment();
    }
}
