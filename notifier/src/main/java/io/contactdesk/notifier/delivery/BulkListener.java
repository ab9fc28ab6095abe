package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.notifier.broadcast.BroadcastBoard;
import io.contactdesk.notifier.broadcast.BroadcastLedger;
import io.contactdesk.notifier.broadcast.BroadcastMessages;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code tg.outbox.bulk} (admin broadcasts) in a group of its own, in the room replies leave: before each
 * call it yields while the interactive lane is busy ({@link BulkLane}).
 *
 * <p>A broadcast message is skipped when its broadcast was cancelled, and claimed in {@code broadcast_deliveries}
 * right before its call: one whose claim exists (a crash or rebalance redelivered it) is never sent again. A user
 * who blocked the bot counts as blocked and is reported to the processor; that is no dead letter.
 */
final class BulkListener {

    private static final Logger log = LoggerFactory.getLogger(BulkListener.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(1);

    private final OutboxDelivery delivery;
    private final OutboxRecords records;
    private final DeliveryReports reports;
    private final BroadcastBoard broadcasts;
    private final BroadcastLedger ledger;
    private final InteractiveActivity interactive;
    private final Pause pause;
    private final Duration maxYield;

    BulkListener(OutboxDelivery delivery, OutboxRecords records, DeliveryReports reports, BroadcastBoard broadcasts,
            BroadcastLedger ledger, InteractiveActivity interactive, Pause pause, Duration maxYield) {
        this.delivery = delivery;
        this.records = records;
        this.reports = reports;
        this.broadcasts = broadcasts;
        this.ledger = ledger;
        this.interactive = interactive;
        this.pause = pause;
        this.maxYield = maxYield;
    }

    @KafkaListener(id = "notifier-bulk", groupId = "contactdesk-notifier-bulk",
            topics = "#{T(io.contactdesk.contracts.topics.Topics).OUTBOX_BULK.name()}",
            concurrency = "${contactdesk.bulk.concurrency:3}")
    void onRecord(ConsumerRecord<String, byte[]> record) {
        Optional<OutboxMessage> read = records.read(record);
        if (read.isEmpty()) {
            return;
        }
        OutboxMessage message = read.get();
        Optional<String> broadcast = BroadcastMessages.broadcastIdOf(message);
        if (broadcast.isPresent()) {
            awaitBroadcastsLoaded(message);
            if (broadcasts.cancelled(broadcast.get())) {
                log.debug("outbox {}: broadcast {} cancelled, not sent", message.outboxId(), broadcast.get());
                return;
            }
        }
        Lane lane = new BulkLane(interactive, pause, maxYield, call -> broadcast.isEmpty()
                // Checked again with the permit in hand: the admin may have cancelled while this one waited.
                || !broadcasts.cancelled(broadcast.get())
                        && ledger.claim(message.outboxId(), broadcast.get(), message.chatId()));
        OutboxDelivery.DeliveryOutcome outcome = delivery.deliver(BroadcastMessages.forBotApi(message), lane);
        settle(record, message, broadcast, outcome);
    }

    private void settle(ConsumerRecord<String, byte[]> record, OutboxMessage message, Optional<String> broadcast,
            OutboxDelivery.DeliveryOutcome outcome) {
        switch (outcome.result()) {
            case SENT -> broadcast.ifPresent(
                    id -> ledger.settle(message.outboxId(), BroadcastLedger.RecipientOutcome.SENT));
            case BLOCKED_BY_USER -> {
                broadcast.ifPresent(id -> ledger.settle(message.outboxId(), BroadcastLedger.RecipientOutcome.BLOCKED));
                reports.blockedByUser(message, outcome.reason());
            }
            case FAILED -> {
                broadcast.ifPresent(id -> ledger.settle(message.outboxId(), BroadcastLedger.RecipientOutcome.FAILED));
                log.warn("bulk outbox {} chat {}: dead-lettered: {}", message.outboxId(), message.chatId(),
                        outcome.reason());
                records.deadLetter(record, outcome.reason());
            }
            case SKIPPED -> log.debug("outbox {}: already claimed or cancelled, not sent again", message.outboxId());
        }
    }

    private void awaitBroadcastsLoaded(OutboxMessage message) {
        try {
            if (!broadcasts.awaitLoaded(LOAD_TIMEOUT)) {
                // Left uncommitted and offered again: sending now might reach users of a cancelled broadcast.
                throw new KafkaException("broadcast topics not read yet, outbox " + message.outboxId() + " waits");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxDelivery.DeliveryStoppedException(message.outboxId());
        }
    }
}
