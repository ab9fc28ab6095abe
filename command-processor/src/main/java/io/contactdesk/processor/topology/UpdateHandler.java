package io.contactdesk.processor.topology;

import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.EventIds;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.CommandProcessorApplication;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.commands.BotState;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.dedupe.SeenUpdates;
import io.contactdesk.processor.directory.StoreDirectory;
import io.contactdesk.processor.groups.GroupChats;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.language.Texts;
import io.contactdesk.processor.session.SubmitSession;
import io.contactdesk.processor.stats.StatsShard;
import io.contactdesk.processor.updates.GroupUpdate;
import io.contactdesk.processor.updates.IgnoredUpdate;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.InvalidUpdateException;
import io.contactdesk.processor.updates.MembershipUpdate;
import io.contactdesk.processor.updates.ParsedUpdate;
import io.contactdesk.processor.updates.PreCheckoutQuery;
import io.contactdesk.processor.updates.SuccessfulPayment;
import io.contactdesk.processor.updates.UpdateParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One update at a time: parse, count and drop what the bot leaves alone, drop if seen, then let the
 * {@link CommandRouter} decide for a user's private chat (or {@link GroupChats} for a group), store and forward the
 * outcome.
 */
final class UpdateHandler implements Processor<String, String, String, Object> {

    private final CommandRouter router;
    private final UpdateMetrics metrics;
    private final UpdateParser parser;
    private final LedgerMetrics ledgerMetrics;
    private final PromptCommits commits;
    private ProcessorContext<String, Object> context;
    private SeenUpdates seen;
    private GroupChats groups;
    private Staging staging;
    private Staging.Staged<Long, Account> accounts;
    private Staging.Staged<String, StarPayment> payments;
    private KeyValueStore<Long, SubmitSession> sessions;
    private BotState state;
    private OutcomeWriter writer;

    UpdateHandler(CommandRouter router, UpdateMetrics metrics, LedgerMetrics ledgerMetrics, PromptCommits commits) {
        this.router = router;
        this.commits = commits;
        this.parser = new UpdateParser(new SealedUpdates(router.rules().cipher()));
        this.metrics = metrics;
        this.ledgerMetrics = ledgerMetrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.seen = new SeenUpdates(context.getStateStore(SeenUpdates.STORE));
        // Every store the rules write is staged: an update that fails leaves no write behind (see process).
        this.staging = new Staging(context);
        this.groups = new GroupChats(Staging.Staged.byId(staging.store(GroupChats.STORE)));
        this.accounts = staging.store(CommandTopology.ACCOUNTS_STORE);
        this.payments = staging.store(CommandTopology.PAYMENTS_STORE);
        this.sessions = context.getStateStore(CommandTopology.SESSIONS_STORE);
        KeyValueStore<String, StatsShard> shards = context.getStateStore(CommandTopology.STATS_SHARDS_STORE);
        this.state = new BotState(
                new StoreDirectory(context.getStateStore(CommandTopology.DIRECTORY_STORE)),
                Staging.Staged.byId(staging.store(CommandTopology.SESSIONS_STORE)),
                Staging.Staged.byId(staging.store(CommandTopology.HISTORY_STORE)),
                Staging.Staged.byId(staging.store(CommandTopology.RATE_WINDOWS_STORE)),
                Staging.Staged.byId(staging.store(CommandTopology.BROADCASTS_STORE)),
                () -> totals(shards));
        this.writer = OutcomeWriter.withAccountStores(context, staging, ledgerMetrics);
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME,
                now -> seen.forgetBefore(Instant.ofEpochMilli(now).minus(SeenUpdates.REMEMBERED_FOR)));
        context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::expireSessions);
    }

    private static StatsShard totals(KeyValueStore<String, StatsShard> shards) {
        StatsShard total = StatsShard.EMPTY;
        try (KeyValueIterator<String, StatsShard> all = shards.all()) {
            while (all.hasNext()) {
                total = total.plus(all.next().value);
            }
        }
        return total;
    }

    @Override
    public void process(Record<String, String> record) {
        // Whatever it leads to (a reply, a dead letter, nothing), the update's offset is committed soon.
        commits.recordProcessed(context, record.timestamp());
        // The record's time, not the clock: a replay after a crash produces exactly the same events.
        Instant now = Instant.ofEpochMilli(record.timestamp());
        ParsedUpdate update;
        try {
            update = parser.parse(record.value());
            String key = update.expectedKey();
            if (key != null && !key.equals(record.key())) {
                // Keyed by someone else, it would be handled by a task that does not hold this user's (group's) state.
                throw new InvalidUpdateException("key " + record.key() + " is not " + update.expectedKeyName());
            }
        } catch (InvalidUpdateException e) {
            deadLetter(record, e, now);
            return;
        }
        if (update instanceof IgnoredUpdate ignored) {
            // Before dedupe and rate limits: it changes nothing, so there is nothing to repeat or to limit.
            metrics.ignored(ignored);
            return;
        }
        if (seen.before(update.ref())) {
            metrics.duplicate();
            return;
        }
        try {
            if (update instanceof GroupUpdate group) {
                group(group, record, now);
            } else if (update instanceof MembershipUpdate change) {
                membership(change, record, now);
            } else if (update instanceof PreCheckoutQuery query) {
                writer.write(router.preCheckout(accounts.get(query.from().userId()), query, now), record.timestamp());
                metrics.handled();
            } else if (update instanceof SuccessfulPayment payment) {
                paid(payment, record, now);
            } else {
                command((IncomingUpdate) update, record, now);
            }
            staging.commit();
            // Seen once its outcome is out, never before: a dead-lettered update is not a duplicate when replayed.
            seen.remember(update.ref(), now);
        } catch (RuntimeException e) {
            // A bug on one update must not stop every user's pipeline; the dead letter keeps it for a replay, and
            // nothing the failed handling wrote survives, so the replay starts from where the update found things.
            staging.discard();
            deadLetter(record, e, now);
        }
    }

    private void command(IncomingUpdate update, Record<String, String> record, Instant now) {
        Outcome outcome = router.handle(state, accounts.get(update.from().userId()), update, now);
        writer.write(outcome, record.timestamp());
        if (outcome.rateLimited()) {
            metrics.rateLimited();
        } else {
            metrics.handled();
        }
    }

    private void membership(MembershipUpdate change, Record<String, String> record, Instant now) {
        Account known = accounts.get(change.from().userId());
        Optional<Outcome> outcome = router.membership(state, known, change, now);
        if (outcome.isEmpty()) {
            metrics.ignored("my_chat_member", known == null ? IgnoredUpdate.Reason.NO_ACCOUNT : IgnoredUpdate.Reason.MEMBERSHIP);
            return;
        }
        writer.write(outcome.get(), record.timestamp());
        metrics.handled();
    }

    /** Once per charge id: the store of payments is the dedupe, written with the credit in one transaction. */
    private void paid(SuccessfulPayment payment, Record<String, String> record, Instant now) {
        Optional<Outcome> outcome = router.paid(accounts.get(payment.from().userId()), payments::get, payment, now);
        if (outcome.isEmpty()) {
            metrics.duplicate();
            return;
        }
        writer.write(outcome.get(), record.timestamp());
        metrics.handled();
    }

    /** Never the router: no command, credit or account is touched from a group. */
    private void group(GroupUpdate update, Record<String, String> record, Instant now) {
        Optional<OutboxMessage> notice = groups.tell(update, now);
        if (notice.isEmpty()) {
            metrics.ignored(update.type(), IgnoredUpdate.Reason.GROUP_ALREADY_TOLD);
            return;
        }
        staging.forward(CommandTopology.OUTBOX_SINK, record.key(), notice.get(), record.timestamp());
        metrics.handled();
    }

    /** Ends drafts idle for 15 minutes and tells their authors, even if they never write again. */
    private void expireSessions(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<KeyValue<Long, SubmitSession>> expired = new ArrayList<>();
        try (KeyValueIterator<Long, SubmitSession> all = sessions.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.expiredAt(now)) {
                    expired.add(entry);
                }
            });
        }
        for (KeyValue<Long, SubmitSession> session : expired) {
            sessions.delete(session.key);
            String cause = "session:" + session.value.sessionId();
            Account author = accounts.get(session.key);
            Language language = author == null ? Language.FALLBACK
                    : Language.forUser(author.language(), author.profile().languageCode());
            OutboxMessage notice = OutboxMessage.sendMessage(EventIds.derived(cause, "timeout", 0), session.key,
                    Texts.in(language).get("submit.expired"), null, cause, now);
            context.forward(new Record<>(Long.toString(session.key), notice, wallClockMs), CommandTopology.OUTBOX_SINK);
        }
    }

    /**
     * Through the topology's sink, not a producer: the letter commits in the exactly-once transaction of the update,
     * with the same record and count as every service's ({@link DeadLetterWriter}).
     */
    private void deadLetter(Record<String, String> record, Exception error, Instant now) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        byte[] payload = record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, DeadLetter> letter = DeadLetterWriter.recordOf(DeadLetter.of(Topics.UPDATES.name(),
                source == null ? DeadLetterWriter.NO_PARTITION : source.partition(),
                source == null ? DeadLetterWriter.NO_OFFSET : source.offset(),
                record.key(), payload, error, CommandProcessorApplication.SERVICE, now));
        context.forward(new Record<>(letter.key(), letter.value(), record.timestamp()),
                CommandTopology.DEAD_LETTER_SINK);
        metrics.deadLettered();
    }
}
