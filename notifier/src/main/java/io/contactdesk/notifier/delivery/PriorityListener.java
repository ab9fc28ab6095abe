package io.contactdesk.notifier.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code tg.outbox.priority}: calls Telegram waits for, above all the answer to a {@code pre_checkout_query},
 * which cancels the payment when it does not come within 10 s; and refunds of Stars payments, whose outcome goes back
 * to the processor as a delivery report. Its own topic and consumer group, so it never queues
 * behind {@code tg.outbox}'s replies, which wait for the flood limits per chat; these calls take no flood permit
 * ({@code FloodControl.throttles}). Each record is settled as a reply is ({@link OutboxRecordHandler}).
 */
final class PriorityListener {

    private final OutboxRecordHandler handler;

    PriorityListener(OutboxRecordHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "notifier-priority", groupId = "contactdesk-notifier-priority",
            topics = "#{T(io.contactdesk.contracts.topics.Topics).OUTBOX_PRIORITY.name()}", concurrency = "2")
    void onRecord(ConsumerRecord<String, byte[]> record) {
        // Never waits for another lane: nothing goes before these calls.
        handler.handle(record, Lane.INTERACTIVE);
    }
}
