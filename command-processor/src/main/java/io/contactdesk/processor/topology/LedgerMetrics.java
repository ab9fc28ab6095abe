package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.LedgerEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Credits granted (bonus, grants, rewards) and spent or revoked, as they enter the ledger, by kind. */
final class LedgerMetrics {

    private final MeterRegistry meters;

    LedgerMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(LedgerEntry entry) {
        String name = entry.delta() >= 0 ? "contactdesk.credits.granted" : "contactdesk.credits.spent";
        Counter.builder(name)
                .description("Credits entering or leaving users' balances, by ledger kind")
                .tag("kind", entry.kind().name().toLowerCase())
                .register(meters)
                .increment(Math.abs(entry.delta()));
    }
}
