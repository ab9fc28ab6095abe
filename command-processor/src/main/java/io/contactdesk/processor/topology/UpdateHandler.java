package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.dedupe.SeenUpdates;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.InvalidUpdateException;
import io.contactdesk.processor.updates.UpdateParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/** One update at a time: parse, drop if seen, let the {@link CommandRouter} decide, store and forward the outcome. */
final class UpdateHandler implements Processor<String, String, String, Object> {

    private static final String SERVICE = "command-processor";

    private final CommandRouter router;
    private final UpdateMetrics metrics;
    private final UpdateParser parser = new UpdateParser();
    private ProcessorContext<String, Object> context;
    private SeenUpdates seen;
    private KeyValueStore<Long, Account> accounts;

    UpdateHandler(CommandRouter router, UpdateMetrics metrics) {
        this.router = router;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seen = new SeenUpdates(context.getStateStore(SeenUpdates.STORE));
        this.accounts = context.getStateStore(CommandTopology.ACCOUNTS_STORE);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME,
                now -> seen.forgetBefore(Instant.ofEpochMilli(now).minus(SeenUpdates.REMEMBERED_FOR)));
    }

    @Override
    public void process(Record<String, String> record) {
        // The record's time, not the clock: a replay after a crash produces exactly the same events.
        Instant now = Instant.ofEpochMilli(record.timestamp());
        IncomingUpdate update;
        try {
            update = parser.parse(record.value());
            if (!String.valueOf(update.from().userId()).equals(record.key())) {
                // Keyed by someone else, it would be handled by a task that does not hold this user's state.
                throw new InvalidUpdateException("key " + record.key() + " is not the sender's user id");
            }
        } catch (InvalidUpdateException e) {
            deadLetter(record, e, now);
            return;
        }
        if (!seen.firstTime(update.updateId(), now)) {
            metrics.duplicate();
            return;
        }
        Outcome outcome;
        try {
            outcome = router.handle(accounts.get(update.from().userId()), update, now);
        } catch (RuntimeException e) {
            // A bug on one update must not stop every user's pipeline; the dead letter keeps it for a replay.
            deadLetter(record, e, now);
            return;
        }
        accounts.put(outcome.account().userId(), outcome.account());
        String user = Long.toString(outcome.account().userId());
        if (outcome.profile() != null) {
            context.forward(new Record<>(user, outcome.profile(), record.timestamp()), CommandTopology.USERS_SINK);
        }
        for (LedgerEntry entry : outcome.ledger()) {
            context.forward(new Record<>(user, entry, record.timestamp()), CommandTopology.LEDGER_SINK);
        }
        for (OutboxMessage reply : outcome.replies()) {
            context.forward(new Record<>(Long.toString(reply.chatId()), reply, record.timestamp()),
                    CommandTopology.OUTBOX_SINK);
        }
        metrics.handled();
    }

    private void deadLetter(Record<String, String> record, Exception error, Instant now) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        byte[] payload = record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetter.of(Topics.UPDATES.name(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset(),
                record.key(), payload, error, SERVICE, now);
        context.forward(new Record<>(record.key(), letter, record.timestamp()), CommandTopology.DEAD_LETTER_SINK);
        metrics.deadLettered();
    }
}
