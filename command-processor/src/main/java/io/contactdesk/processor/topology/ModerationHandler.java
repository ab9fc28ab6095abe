package io.contactdesk.processor.topology;

import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.directory.StoreDirectory;
import io.contactdesk.processor.moderation.ModerationDecision;
import io.contactdesk.processor.moderation.ModerationRequest;
import io.contactdesk.processor.moderation.Moderator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Decides moderation requests, keyed by listing id, remembering the first decision per listing. */
final class ModerationHandler implements Processor<String, ModerationRequest, String, Object> {

    private final Moderator moderator = new Moderator();
    private final LedgerMetrics ledgerMetrics;
    private final MeterRegistry meters;
    private Staging.Staged<String, ModerationDecision> decisions;
    private StoreDirectory directory;
    private OutcomeWriter writer;
    private HandlerGuard guard;

    ModerationHandler(LedgerMetrics ledgerMetrics, MeterRegistry meters) {
        this.ledgerMetrics = ledgerMetrics;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        Staging staging = new Staging(context);
        this.decisions = staging.store(CommandTopology.DECISIONS_STORE);
        this.directory = new StoreDirectory(context.getStateStore(CommandTopology.DIRECTORY_STORE));
        this.writer = OutcomeWriter.withoutAccountStores(context, staging, ledgerMetrics);
        this.guard = new HandlerGuard(staging, meters);
    }

    @Override
    public void process(Record<String, ModerationRequest> record) {
        ModerationRequest request = record.value();
        if (request == null || request.listingId() == null) {
            return;
        }
        guard.handle(() -> decide(request, record.timestamp()));
    }

    private void decide(ModerationRequest request, long timestamp) {
        Outcome outcome = moderator.decide(decisions.get(request.listingId()), directory.find(request.listingId()), request);
        if (!outcome.listings().isEmpty()) {
            decisions.put(request.listingId(),
                    new ModerationDecision(request.listingId(), request.approve(), request.adminId(), request.at()));
        }
        writer.write(outcome, timestamp);
    }
}
