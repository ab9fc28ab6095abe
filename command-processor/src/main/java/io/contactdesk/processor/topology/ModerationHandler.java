package io.contactdesk.processor.topology;

import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.directory.StoreDirectory;
import io.contactdesk.processor.moderation.ModerationDecision;
import io.contactdesk.processor.moderation.ModerationRequest;
import io.contactdesk.processor.moderation.Moderator;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Decides moderation requests, keyed by listing id, remembering the first decision per listing. */
final class ModerationHandler implements Processor<String, ModerationRequest, String, Object> {

    private final Moderator moderator = new Moderator();
    private final LedgerMetrics ledgerMetrics;
    private KeyValueStore<String, ModerationDecision> decisions;
    private StoreDirectory directory;
    private OutcomeWriter writer;

    ModerationHandler(LedgerMetrics ledgerMetrics) {
        this.ledgerMetrics = ledgerMetrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.decisions = context.getStateStore(CommandTopology.DECISIONS_STORE);
        this.directory = new StoreDirectory(context.getStateStore(CommandTopology.DIRECTORY_STORE));
        this.writer = new OutcomeWriter(context, false, ledgerMetrics);
    }

    @Override
    public void process(Record<String, ModerationRequest> record) {
        ModerationRequest request = record.value();
        if (request == null || request.listingId() == null) {
            return;
        }
        Outcome outcome = moderator.decide(decisions.get(request.listingId()), directory.find(request.listingId()), request);
        if (!outcome.listings().isEmpty()) {
            decisions.put(request.listingId(),
                    new ModerationDecision(request.listingId(), request.approve(), request.adminId(), request.at()));
        }
        writer.write(outcome, record.timestamp());
    }
}
