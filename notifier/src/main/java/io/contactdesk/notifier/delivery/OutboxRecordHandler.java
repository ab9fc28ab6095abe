package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.OutboxMessage;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of one {@code tg.outbox} or {@code tg.outbox.priority} record: its call is made (with retries), or it
 * is dead-lettered, or the user blocked the bot and the processor is told; a refund's outcome, whichever, is reported.
 * {@link OutboxConsumer} and {@link PriorityListener} commit its offset only after this returns, so a restart repeats,
 * never skips. While it holds a record, the bulk lane yields ({@link InteractiveActivity}): replies to users' own
 * commands, and the calls Telegram waits for, jump ahead.
 */
final class OutboxRecordHandler {

    private static final Logger log = LoggerFactory.getLogger(OutboxRecordHandler.class);

    private final OutboxDelivery delivery;
    private final OutboxRecords records;
    private final DeliveryReports reports;
    private final InteractiveActivity activity;

    OutboxRecordHandler(OutboxDelivery delivery, OutboxRecords records, DeliveryReports reports,
            InteractiveActivity activity) {
        this.delivery = delivery;
        this.records = records;
        this.reports = reports;
        this.activity = activity;
    }

    /**
     * Settles {@code record} in {@code lane}.
     *
     * @throws OutboxDelivery.DeliveryStoppedException when the service stopped or the partition was handed over
     *     before the call: the record stays unsettled
     */
    void handle(ConsumerRecord<String, byte[]> record, Lane lane) {
        activity.taken();
        try {
            settle(record, lane);
        } finally {
            activity.released();
        }
    }

    private void settle(ConsumerRecord<String, byte[]> record, Lane lane) {
        Optional<OutboxMessage> read = records.read(record);
        if (read.isEmpty()) {
            return;
        }
        OutboxMessage message = read.get();
        OutboxDelivery.DeliveryOutcome outcome = delivery.deliver(message, lane);
        if (OutboxMessage.REFUND_STAR_PAYMENT.equals(message.method())) {
            // The processor takes the credits back only on Telegram's word, and tells the admin either way.
            reports.refund(message, outcome.delivered(), outcome.reason());
        }
        if (outcome.blockedByUser()) {
            // People block bots every day: no dead letter (that would raise an alert), but the processor flags the
            // user and stops queueing replies to them.
            log.info("outbox {} chat {}: not sent, the user blocked the bot", message.outboxId(), message.chatId());
            reports.blockedByUser(message, outcome.reason());
        } else if (!outcome.delivered()) {
            // A pre-checkout answer too late or refused: Telegram has cancelled the payment and charged nothing.
            log.warn("outbox {} chat {}: {} dead-lettered: {}", message.outboxId(), message.chatId(), message.method(),
                    outcome.reason());
            records.deadLetter(record, outcome.reason());
            if (message.revealsContact()) {
                // The user paid for this contact: the processor refunds the unlock and tells them.
                reports.contactNotShown(message, outcome.reason());
            }
        }
    }
}
