package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.OutboxMessage;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code tg.outbox.priority}: calls Telegram waits for, above all the answer to a {@code pre_checkout_query},
 * which cancels the payment when it does not come within 10 s; and refunds of Stars payments, whose outcome goes back
 * to the processor as a delivery report. Its own topic and consumer group, so it never queues
 * behind {@code tg.outbox}'s replies, which wait for the flood limits per chat; these calls take no flood permit
 * ({@code FloodControl.throttles}). While it holds a record the bulk lane yields, as for a reply.
 */
final class PriorityListener {

    private static final Logger log = LoggerFactory.getLogger(PriorityListener.class);

    private final OutboxDelivery delivery;
    private final OutboxRecords records;
    private final InteractiveActivity activity;
    private final DeliveryReports reports;

    PriorityListener(OutboxDelivery delivery, OutboxRecords records, InteractiveActivity activity,
            DeliveryReports reports) {
        this.delivery = delivery;
        this.records = records;
        this.activity = activity;
        this.reports = reports;
    }

    @KafkaListener(id = "notifier-priority", groupId = "contactdesk-notifier-priority",
            topics = "#{T(io.contactdesk.contracts.topics.Topics).OUTBOX_PRIORITY.name()}", concurrency = "2")
    void onRecord(ConsumerRecord<String, byte[]> record) {
        activity.taken();
        try {
            handle(record);
        } finally {
            activity.released();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Optional<OutboxMessage> read = records.read(record);
        if (read.isEmpty()) {
            return;
        }
        OutboxMessage message = read.get();
        OutboxDelivery.DeliveryOutcome outcome = delivery.deliver(message);
        if (OutboxMessage.REFUND_STAR_PAYMENT.equals(message.method())) {
            // The processor takes the credits back only on Telegram's word, and tells the admin either way.
            reports.refund(message, outcome.delivered(), outcome.reason());
        }
        if (!outcome.delivered()) {
            // Too late or refused: Telegram has cancelled the payment by now, and charged nothing.
            log.warn("outbox {} chat {}: {} dead-lettered: {}", message.outboxId(), message.chatId(), message.method(),
                    outcome.reason());
            records.deadLetter(record, outcome.reason());
        }
    }
}
