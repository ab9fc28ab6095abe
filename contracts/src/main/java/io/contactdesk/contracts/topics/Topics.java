package io.contactdesk.contracts.topics;

import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.BroadcastControl;
import io.contactdesk.contracts.events.BroadcastShard;
import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.events.IngressOffset;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.json.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline (docs/architecture.md section 2). Keys are decimal Telegram ids as strings so that
 * {@code kafka-console-consumer} output is readable and all producers partition a user alike.
 */
public final class Topics {

    private static final Duration WEEK = Duration.ofDays(7);
    // Ledger and audit are facts to keep; PostgreSQL holds them too, but the topic can rebuild it.
    private static final Duration LONG = Duration.ofDays(3650);

    /**
     * Telegram updates as the ingress seals them ({@link io.contactdesk.contracts.crypto.SealedUpdates}: update id,
     * ingress epoch, the update sealed under the contact keyring), keyed by the sender's user id (a group's chat id).
     */
    public static final Topic<String, String> UPDATES =
            new Topic<>("tg.updates", Serdes.String(), Serdes.String(), false, WEEK);

    /** The last {@code update_id} the poller published, keyed by bot id. */
    public static final Topic<String, IngressOffset> INGRESS_OFFSETS =
            new Topic<>("tg.ingress-offsets", Serdes.String(), JsonSerde.of(IngressOffset.class), true, null);

    /** One Bot API call each, keyed by chat id. */
    public static final Topic<String, OutboxMessage> OUTBOX =
            new Topic<>("tg.outbox", Serdes.String(), JsonSerde.of(OutboxMessage.class), false, WEEK);

    /**
     * Bot API calls Telegram waits for (the answer to a {@code pre_checkout_query}, due within 10 s), keyed by chat id:
     * the notifier reads them apart from {@code tg.outbox}, so they never queue behind replies or flood-control waits.
     */
    public static final Topic<String, OutboxMessage> OUTBOX_PRIORITY =
            new Topic<>("tg.outbox.priority", Serdes.String(), JsonSerde.of(OutboxMessage.class), false, WEEK);

    /** Payments in Telegram Stars, keyed by user id; a refund is the same payment again, with its refund. */
    public static final Topic<String, StarPayment> PAYMENTS =
            new Topic<>("payments", Serdes.String(), JsonSerde.of(StarPayment.class), false, LONG);

    public static final Topic<String, LedgerEntry> LEDGER =
            new Topic<>("credit.ledger", Serdes.String(), JsonSerde.of(LedgerEntry.class), false, LONG);

    public static final Topic<String, UserProfile> USERS =
            new Topic<>("users", Serdes.String(), JsonSerde.of(UserProfile.class), true, null);

    /** The directory, keyed by listing id; compacted so the latest state of each listing is kept. */
    public static final Topic<String, Listing> LISTINGS =
            new Topic<>("listings", Serdes.String(), JsonSerde.of(Listing.class), true, null);

    /** Contacts unlocked, keyed by user id. */
    public static final Topic<String, ContactUnlocked> UNLOCKS =
            new Topic<>("contact.unlocks", Serdes.String(), JsonSerde.of(ContactUnlocked.class), false, LONG);

    /** Admin and security actions, keyed by actor id. */
    public static final Topic<String, AuditEvent> AUDIT =
            new Topic<>("audit.events", Serdes.String(), JsonSerde.of(AuditEvent.class), false, LONG);

    /**
     * Bulk traffic (admin broadcasts), keyed by chat id: the notifier sends it only in the room that replies to users'
     * own commands leave.
     */
    public static final Topic<String, OutboxMessage> OUTBOX_BULK =
            new Topic<>("tg.outbox.bulk", Serdes.String(), JsonSerde.of(OutboxMessage.class), false, WEEK);

    /** How many recipients each processor task queued for a broadcast, keyed by {@code <broadcast id>/<partition>}. */
    public static final Topic<String, BroadcastShard> BROADCAST_SHARDS =
            new Topic<>("ops.broadcast-shards", Serdes.String(), JsonSerde.of(BroadcastShard.class), true, null);

    /** Cancellations of broadcasts, keyed by broadcast id. */
    public static final Topic<String, BroadcastControl> BROADCAST_CONTROL =
            new Topic<>("ops.broadcasts", Serdes.String(), JsonSerde.of(BroadcastControl.class), true, null);

    /** What the notifier learnt about a chat (e.g. the user blocked the bot), keyed by chat id like tg.updates. */
    public static final Topic<String, DeliveryReport> DELIVERY_REPORTS =
            new Topic<>("tg.delivery-reports", Serdes.String(), JsonSerde.of(DeliveryReport.class), false, WEEK);

    /** Alerts for admins, keyed by fingerprint so the notifier can fold repeats. */
    public static final Topic<String, OpsAlert> ALERTS =
            new Topic<>("ops.alerts", Serdes.String(), JsonSerde.of(OpsAlert.class), false, WEEK);

    /** The latest health snapshot of every service instance, keyed by {@code service/instance}. */
    public static final Topic<String, Heartbeat> HEARTBEATS =
            new Topic<>("ops.heartbeats", Serdes.String(), JsonSerde.of(Heartbeat.class), true, null);

    /**
     * Admins' questions about the running pipeline ({@code /health}, {@code /lag}), keyed by the admin's chat id: the
     * processor forwards them, the ops console answers on {@link #OUTBOX}.
     */
    public static final Topic<String, OpsReportRequested> REPORT_REQUESTS =
            new Topic<>("ops.report-requests", Serdes.String(), JsonSerde.of(OpsReportRequested.class), false, WEEK);

    public static final Topic<String, DeadLetter> UPDATES_DLQ = deadLetters(UPDATES);
    public static final Topic<String, DeadLetter> OUTBOX_DLQ = deadLetters(OUTBOX);
    public static final Topic<String, DeadLetter> OUTBOX_BULK_DLQ = deadLetters(OUTBOX_BULK);
    public static final Topic<String, DeadLetter> OUTBOX_PRIORITY_DLQ = deadLetters(OUTBOX_PRIORITY);
    public static final Topic<String, DeadLetter> PAYMENTS_DLQ = deadLetters(PAYMENTS);
    public static final Topic<String, DeadLetter> LEDGER_DLQ = deadLetters(LEDGER);
    public static final Topic<String, DeadLetter> USERS_DLQ = deadLetters(USERS);
    public static final Topic<String, DeadLetter> LISTINGS_DLQ = deadLetters(LISTINGS);
    public static final Topic<String, DeadLetter> UNLOCKS_DLQ = deadLetters(UNLOCKS);
    public static final Topic<String, DeadLetter> AUDIT_DLQ = deadLetters(AUDIT);

    /**
     * Kafka Streams' own dead-letter queue of the command processor: records of its internal topics that cannot be
     * deserialized, with the error in the headers. Not {@link DeadLetter} JSON, but watched like the other
     * dead-letter topics.
     */
    public static final String PROCESSOR_STREAMS_DLQ = "contactdesk.processor.dlq";

    private static final List<Topic<?, ?>> ALL = List.of(
            UPDATES, INGRESS_OFFSETS, OUTBOX, LEDGER, USERS, LISTINGS, UNLOCKS, AUDIT, OUTBOX_BULK, BROADCAST_SHARDS, BROADCAST_CONTROL, DELIVERY_REPORTS, ALERTS,
            HEARTBEATS, REPORT_REQUESTS, OUTBOX_PRIORITY, PAYMENTS,
            UPDATES_DLQ, OUTBOX_DLQ, OUTBOX_BULK_DLQ, LEDGER_DLQ, USERS_DLQ, LISTINGS_DLQ, UNLOCKS_DLQ, AUDIT_DLQ,
            OUTBOX_PRIORITY_DLQ, PAYMENTS_DLQ);

    private static final Map<String, Topic<?, ?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Topic::name, t -> t));

    private Topics() {
    }

    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    /** Every topic where records that could not be processed are set aside, the processor's Streams DLQ included. */
    public static List<String> deadLetterTopicNames() {
        List<String> names = new ArrayList<>(ALL.stream().filter(Topic::isDeadLetterTopic).map(Topic::name).toList());
        names.add(PROCESSOR_STREAMS_DLQ);
        return List.copyOf(names);
    }

    public static Optional<Topic<?, ?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The dead-letter topic of {@code source}, where records it cannot process go with the reason. */
    public static Topic<String, DeadLetter> deadLettersOf(Topic<?, ?> source) {
        Topic<?, ?> dlq = BY_NAME.get(source.name() + Topic.DEAD_LETTER_SUFFIX);
        if (dlq == null) {
            throw new IllegalArgumentException(source.name() + " has no dead-letter topic");
        }
        @SuppressWarnings("unchecked")
        Topic<String, DeadLetter> typed = (Topic<String, DeadLetter>) dlq;
        return typed;
    }

    private static Topic<String, DeadLetter> deadLetters(Topic<?, ?> source) {
        Serde<DeadLetter> serde = JsonSerde.of(DeadLetter.class);
        return new Topic<>(source.name() + Topic.DEAD_LETTER_SUFFIX, Serdes.String(), serde, false, WEEK);
    }
}
