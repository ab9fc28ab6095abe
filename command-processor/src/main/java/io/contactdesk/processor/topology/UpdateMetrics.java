package io.contactdesk.processor.topology;

import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.updates.IgnoredUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What became of each update, for dashboards: handled, dropped as a duplicate or over the rate limit, ignored on
 * purpose, or dead-lettered.
 */
final class UpdateMetrics {

    static final String UPDATES = "contactdesk.processor.updates";
    static final String IGNORED = "contactdesk.processor.updates.ignored";

    private final MeterRegistry meters;

    private final Counter handled;
    private final Counter duplicates;
    private final Counter deadLettered;
    private final Counter rateLimited;
    private final Counter ignored;
    private final Counter deadLetters;

    UpdateMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.handled = counter(meters, "handled");
        this.duplicates = counter(meters, "duplicate");
        this.deadLettered = counter(meters, "dead_lettered");
        this.rateLimited = counter(meters, "rate_limited");
        this.ignored = counter(meters, "ignored");
        this.deadLetters = DeadLetterWriter.counter(meters, Topics.UPDATES_DLQ.name());
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder(UPDATES)
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

    /**
     * Counted twice: under {@code outcome="ignored"} with every other outcome, and by update type and reason in a
     * counter of its own, so the outcome counter keeps one tag and both tag sets stay small (types are the Bot API's,
     * or "unknown").
     */
    void ignored(String type, IgnoredUpdate.Reason reason) {
        ignored.increment();
        Counter.builder(IGNORED)
                .description("Telegram updates the bot leaves alone on purpose, by update type and why")
                .tag("type", type)
                .tag("reason", reason.tag())
                .register(meters)
                .increment();
    }

    void ignored(IgnoredUpdate update) {
        ignored(update.type(), update.reason());
    }

    void deadLettered() {
        deadLettered.increment();
        deadLetters.increment();
    }
}
