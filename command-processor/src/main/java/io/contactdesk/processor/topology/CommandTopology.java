package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.json.JsonSerde;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandApplier;
import io.contactdesk.processor.broadcast.BroadcastDraft;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.commands.RefundLookup;
import io.contactdesk.processor.dedupe.SeenUpdates;
import io.contactdesk.processor.groups.GroupChat;
import io.contactdesk.processor.groups.GroupChats;
import io.contactdesk.processor.history.LedgerHistory;
import io.contactdesk.processor.moderation.ModerationDecision;
import io.contactdesk.processor.ratelimit.RateWindow;
import io.contactdesk.processor.session.SubmitSession;
import io.contactdesk.processor.stats.StatsShard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's pipeline, top to bottom. Stores are changelogged, so with exactly-once a crash repeats nothing.
 *
 * <pre>
 * listings ─▶ [global directory]   stats ─▶ [global stats shards]
 * tg.updates ───────────▶ handle-update ─────────┐  (per user: accounts, sessions, history, rate windows, seen
 *                                                │   updates; their my_chat_member: blocked / unblocked.
 *                                                │   Per group chat: group-chats, told once to use a private chat.
 *                                                │   Update types the bot does not use: only counted, as ignored)
 * account-commands ─────▶ apply-account-command ─┤  (the same per-user stores: the target's own task)
 * tg.delivery-reports ─▶ note-delivery-report ──┤  (the user blocked the bot: stop sending; a contact not shown: refund)
 * broadcast-requests ──▶ fan-out-broadcast ─────┤  (every task: its own users → tg.outbox.bulk)
 * moderation ───────────▶ decide-moderation ─────┤  (per listing: first decision wins)
 *                                                └─▶ tg.outbox (pre-checkout answers: tg.outbox.priority) · tg.outbox.bulk
 *                                                    · users · credit.ledger · payments · listings · contact.unlocks
 *                                                    · audit.events · ops.broadcasts · ops.broadcast-shards
 *                                                    · ops.report-requests (/health, /lag: the ops console answers)
 *                                                    · tg.updates.dlq · account-commands · moderation
 *                                                    · broadcast-requests · stats
 * </pre>
 */
public final class CommandTopology {

    /**
     * How often the exactly-once transaction commits while the processor is behind (Kafka Streams'
     * {@code commit.interval.ms}): each commit writes a marker on every partition its transaction touched, so a backlog
     * drains faster in fewer, larger transactions (docs/performance.md).
     */
    public static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

    /**
     * How often it commits while the processor keeps up ({@link PromptCommits}), and the longest a poll blocks: a reply
     * is visible to the notifier only once its transaction commits.
     */
    public static final Duration PROMPT_COMMIT_INTERVAL = Duration.ofMillis(20);

    // --- sources: one per input topic, in the order of the diagram -------------------------------------------------
    static final String UPDATES_SOURCE = "updates";
    static final String ACCOUNT_COMMANDS_SOURCE = "account-commands";
    static final String DELIVERY_REPORTS_SOURCE = "delivery-reports";
    static final String BROADCAST_REQUESTS_SOURCE = "broadcast-requests";
    static final String MODERATION_SOURCE = "moderation-requests";

    // --- processors: one per source --------------------------------------------------------------------------------
    static final String UPDATE_HANDLER = "handle-update";
    static final String ACCOUNT_COMMAND_HANDLER = "apply-account-command";
    static final String DELIVERY_REPORT_HANDLER = "note-delivery-report";
    static final String BROADCAST_HANDLER = "fan-out-broadcast";
    static final String MODERATION_HANDLER = "decide-moderation";

    // --- the tasks' stores (changelogged; seen-updates and group-chats are named by SeenUpdates and GroupChats) ----
    public static final String ACCOUNTS_STORE = "accounts";
    static final String SESSIONS_STORE = "sessions";
    static final String RATE_WINDOWS_STORE = "rate-windows";
    static final String BROADCASTS_STORE = "broadcasts";
    static final String HISTORY_STORE = "ledger-history";
    static final String SHARD_STATS_STORE = "shard-stats";
    /** Stars payments by telegram_payment_charge_id, in the payer's task: a charge credited once is never again. */
    static final String PAYMENTS_STORE = "star-payments";
    /** Refunds asked of Telegram and not yet reported, by the refund command's id. */
    static final String PENDING_REFUNDS_STORE = "pending-refunds";
    /** A refund's search for its charge across every task, on the admin's task: see {@link RefundLookup}. */
    static final String REFUND_LOOKUPS_STORE = "refund-lookups";
    static final String DECISIONS_STORE = "moderation-decisions";

    // --- global stores: a full copy of a compacted topic in every instance ------------------------------------------
    /** Listings whose decoded value is kept: the whole directory of most bots (a few MiB at most). */
    static final int DIRECTORY_DECODED = 4_096;
    /**
     * Accounts and rate windows whose decoded value is kept, per processor instance: its most recently active users
     * (an account is a few hundred bytes, kept twice: about 10 MiB at most).
     */
    static final int USERS_DECODED = 16_384;
    static final String DIRECTORY_STORE = "directory";
    static final String STATS_SHARDS_STORE = "stats-shards";

    // --- sinks: Telegram calls, the facts db-writer keeps, ops topics, then the processor's own topics --------------
    static final String OUTBOX_SINK = "outbox";
    static final String OUTBOX_PRIORITY_SINK = "outbox-priority";
    static final String OUTBOX_BULK_SINK = "outbox-bulk";
    static final String USERS_SINK = "users";
    static final String LEDGER_SINK = "ledger";
    static final String PAYMENTS_SINK = "payments";
    static final String LISTINGS_SINK = "listings";
    static final String UNLOCKS_SINK = "unlocks";
    static final String AUDIT_SINK = "audit";
    static final String BROADCAST_CONTROL_SINK = "broadcast-control";
    static final String BROADCAST_SHARDS_SINK = "broadcast-shards";
    static final String REPORT_REQUESTS_SINK = "report-requests";
    static final String DEAD_LETTER_SINK = "updates-dead-letters";
    static final String ACCOUNT_COMMANDS_SINK = "to-account-commands";
    static final String ACCOUNT_COMMANDS_EVERY_TASK_SINK = "to-account-commands-every-task";
    static final String MODERATION_SINK = "to-moderation";
    static final String BROADCAST_REQUESTS_SINK = "to-broadcast-requests";
    static final String STATS_SINK = "stats";

    private final CommandRouter router;
    private final MeterRegistry meters;
    private final int partitions;

    /** @param partitions of tg.updates and the processor's own topics, so a broadcast knows how many shards to expect */
    public CommandTopology(CommandRouter router, MeterRegistry meters, int partitions) {
        this.router = router;
        this.meters = meters;
        this.partitions = partitions;
    }

    /** The diagram above, top to bottom: global stores and sources, then each processor with its stores, then sinks. */
    public Topology build() {
        Topology topology = new Topology();
        UpdateMetrics metrics = new UpdateMetrics(meters);
        LedgerMetrics ledgerMetrics = new LedgerMetrics(meters);
        AccountCommandApplier applier = new AccountCommandApplier(router.rules().credits());
        PromptCommits commits = new PromptCommits(PROMPT_COMMIT_INTERVAL);

        // The global stores first: Kafka Streams numbers sub-topologies in the order their nodes are added, and the
        // number is in every task id (state directories, assignments), so moving them would renumber running tasks.
        // Listings are read whole for every /search: their decoded values are kept (records, immutable).
        globalTable(topology, DIRECTORY_STORE, Topics.LISTINGS.name(),
                new DecodedValueCache<>(JsonSerde.of(Listing.class), DIRECTORY_DECODED));
        globalTable(topology, STATS_SHARDS_STORE, ProcessorTopics.STATS.name(), JsonSerde.of(StatsShard.class));

        // tg.updates is plain strings: its handler parses, and dead-letters what it cannot, with reasons.
        topology.addSource(UPDATES_SOURCE, Serdes.String().deserializer(), Serdes.String().deserializer(),
                Topics.UPDATES.name());
        source(topology, ACCOUNT_COMMANDS_SOURCE, ProcessorTopics.ACCOUNT_COMMANDS);
        source(topology, DELIVERY_REPORTS_SOURCE, Topics.DELIVERY_REPORTS);
        source(topology, BROADCAST_REQUESTS_SOURCE, ProcessorTopics.BROADCAST_REQUESTS);
        source(topology, MODERATION_SOURCE, ProcessorTopics.MODERATION);

        topology.addProcessor(UPDATE_HANDLER, () -> new UpdateHandler(router, metrics, ledgerMetrics, commits), UPDATES_SOURCE);
        topology.addProcessor(ACCOUNT_COMMAND_HANDLER,
                () -> new AccountCommandHandler(applier, ledgerMetrics, meters, partitions), ACCOUNT_COMMANDS_SOURCE);
        topology.addProcessor(DELIVERY_REPORT_HANDLER, () -> new DeliveryReportHandler(meters, ledgerMetrics),
                DELIVERY_REPORTS_SOURCE);
        topology.addProcessor(BROADCAST_HANDLER, () -> new BroadcastHandler(partitions, meters), BROADCAST_REQUESTS_SOURCE);
        topology.addProcessor(MODERATION_HANDLER, () -> new ModerationHandler(ledgerMetrics, meters), MODERATION_SOURCE);

        // A user's state, in the task that owns the user: their updates, the commands to them, the reports on them.
        topology.addStateStore(store(SeenUpdates.STORE, Serdes.Long(), Serdes.Long()), UPDATE_HANDLER);
        topology.addStateStore(store(GroupChats.STORE, Serdes.Long(), JsonSerde.of(GroupChat.class)), UPDATE_HANDLER);
        topology.addStateStore(store(SESSIONS_STORE, Serdes.Long(), JsonSerde.of(SubmitSession.class)), UPDATE_HANDLER);
        // Read for every update and written after most: their decoded values are kept (records, immutable).
        topology.addStateStore(store(RATE_WINDOWS_STORE, Serdes.Long(),
                new DecodedValueCache<>(JsonSerde.of(RateWindow.class), USERS_DECODED)), UPDATE_HANDLER);
        topology.addStateStore(store(BROADCASTS_STORE, Serdes.Long(), JsonSerde.of(BroadcastDraft.class)), UPDATE_HANDLER);
        topology.addStateStore(store(ACCOUNTS_STORE, Serdes.Long(),
                new DecodedValueCache<>(JsonSerde.of(Account.class), USERS_DECODED)),
                UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER, BROADCAST_HANDLER);
        topology.addStateStore(store(HISTORY_STORE, Serdes.Long(), JsonSerde.of(LedgerHistory.class)),
                UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER);
        topology.addStateStore(store(SHARD_STATS_STORE, Serdes.String(), JsonSerde.of(StatsShard.class)),
                UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER);
        topology.addStateStore(store(PAYMENTS_STORE, Serdes.String(), JsonSerde.of(StarPayment.class)),
                UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER);
        topology.addStateStore(store(PENDING_REFUNDS_STORE, Serdes.String(), JsonSerde.of(AccountCommand.class)),
                ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER);
        topology.addStateStore(store(REFUND_LOOKUPS_STORE, Serdes.String(), JsonSerde.of(RefundLookup.class)),
                ACCOUNT_COMMAND_HANDLER);
        // A listing's decisions, in the task that owns the listing: the first one wins.
        topology.addStateStore(store(DECISIONS_STORE, Serdes.String(), JsonSerde.of(ModerationDecision.class)),
                MODERATION_HANDLER);

        sink(topology, OUTBOX_SINK, Topics.OUTBOX, UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, MODERATION_HANDLER,
                DELIVERY_REPORT_HANDLER);
        sink(topology, OUTBOX_PRIORITY_SINK, Topics.OUTBOX_PRIORITY, UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER);
        sink(topology, OUTBOX_BULK_SINK, Topics.OUTBOX_BULK, BROADCAST_HANDLER);
        sink(topology, USERS_SINK, Topics.USERS, UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER);
        sink(topology, LEDGER_SINK, Topics.LEDGER, UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER);
        sink(topology, PAYMENTS_SINK, Topics.PAYMENTS, UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER);
        sink(topology, LISTINGS_SINK, Topics.LISTINGS, UPDATE_HANDLER, MODERATION_HANDLER);
        sink(topology, UNLOCKS_SINK, Topics.UNLOCKS, UPDATE_HANDLER);
        // A refund confirmed by Telegram (a delivery report) is audited too.
        sink(topology, AUDIT_SINK, Topics.AUDIT, UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, MODERATION_HANDLER,
                DELIVERY_REPORT_HANDLER);
        sink(topology, BROADCAST_CONTROL_SINK, Topics.BROADCAST_CONTROL, UPDATE_HANDLER);
        sink(topology, BROADCAST_SHARDS_SINK, Topics.BROADCAST_SHARDS, BROADCAST_HANDLER);
        sink(topology, REPORT_REQUESTS_SINK, Topics.REPORT_REQUESTS, UPDATE_HANDLER);
        sink(topology, DEAD_LETTER_SINK, Topics.UPDATES_DLQ, UPDATE_HANDLER);
        // The account-command handler writes to its own input: a referral goes newcomer -> referrer -> newcomer.
        sink(topology, ACCOUNT_COMMANDS_SINK, ProcessorTopics.ACCOUNT_COMMANDS, UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER,
                MODERATION_HANDLER);
        // A refund names a charge, not its payer: every task gets it, the payer's acts (PaymentRefundFlow).
        toEveryPartition(topology, ACCOUNT_COMMANDS_EVERY_TASK_SINK, ProcessorTopics.ACCOUNT_COMMANDS, UPDATE_HANDLER);
        sink(topology, MODERATION_SINK, ProcessorTopics.MODERATION, UPDATE_HANDLER);
        // One confirmed broadcast, copied to every partition: each task sends it to the users it owns.
        toEveryPartition(topology, BROADCAST_REQUESTS_SINK, ProcessorTopics.BROADCAST_REQUESTS, UPDATE_HANDLER);
        sink(topology, STATS_SINK, ProcessorTopics.STATS, UPDATE_HANDLER, ACCOUNT_COMMAND_HANDLER, DELIVERY_REPORT_HANDLER);
        return topology;
    }

    /**
     * How the topology wants Kafka Streams to treat a record of its own topics or of {@code tg.delivery-reports} that
     * cannot be deserialized or whose handler throws (HandlerGuard): set it aside in {@code contactdesk.processor.dlq},
     * with the error in its headers, instead of stopping every user's pipeline. ({@code tg.updates} is plain strings,
     * and its handler dead-letters bad records itself, with reasons.) Part of production's Streams properties, which
     * the tests' drivers use too.
     */
    public static Properties errorHandling() {
        Properties props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, ProcessorTopics.DEAD_LETTERS);
        return props;
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }

    /** A full, read-only copy of a compacted topic in every instance: the directory and the stats shards. */
    private static <V> void globalTable(Topology topology, String store, String topic, Serde<V> values) {
        topology.addGlobalStore(
                store(store, Serdes.String(), values).withLoggingDisabled(),
                store + "-source", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topic,
                store + "-updater", () -> new GlobalTableUpdater<>(store, topic, values.deserializer()));
    }

    private static void source(Topology topology, String name, Topic<String, ?> topic) {
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    @SuppressWarnings("unchecked")
    private static void toEveryPartition(Topology topology, String name, Topic<String, ?> topic, String... parents) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(),
                (Serializer<Object>) topic.valueSerde().serializer(),
                (topicName, key, value, numPartitions) -> Optional.of(IntStream.range(0, numPartitions).boxed()
                        .collect(Collectors.toSet())),
                parents);
    }

    @SuppressWarnings("unchecked")
    private static void sink(Topology topology, String name, Topic<String, ?> topic, String... parents) {
        topology.addSink(name, topic.name(), topic.keySerde().serializer(),
                (Serializer<Object>) topic.valueSerde().serializer(), parents);
    }
}
