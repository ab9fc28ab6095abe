package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes {@code tg.outbox} one record at a time. The container commits a record's offset only after this
 * returns, i.e. once the call was made or the record dead-lettered: a restart repeats, never skips. While it holds
 * a record, the bulk lane yields ({@link InteractiveActivity}): replies to users' own commands jump ahead.
 */
final class OutboxListener {

    static final String ID = "notifier-outbox";
    private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);

    private final OutboxDelivery delivery;
    private final DeadLetters deadLetters;
    private final DeliveryReports reports;
    private final InteractiveActivity activity;
    private final OutboxAssignment assignment;

    OutboxListener(OutboxDelivery delivery, DeadLetters deadLetters, DeliveryReports reports,
            InteractiveActivity activity, OutboxAssignment assignment) {
        this.delivery = delivery;
        this.deadLetters = deadLetters;
        this.reports = reports;
        this.activity = activity;
        this.assignment = assignment;
    }

    // Values arrive as bytes and are parsed here, so a record that is not an OutboxMessage can be dead-lettered.
    // The group is spring.kafka.consumer.group-id (contactdesk-notifier), not the listener id.
    @KafkaListener(id = ID, idIsGroup = false,
            topics = "#{T(io.contactdesk.contracts.topics.Topics).OUTBOX.name()}")
    void onRecord(ConsumerRecord<String, byte[]> record) {
        activity.taken();
        try {
            handle(record);
            assignment.settled(new TopicPartition(record.topic(), record.partition()), record.offset());
        } finally {
            activity.released();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        OutboxMessage message;
        try {
            message = Topics.OUTBOX.valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (message == null) {
                throw new SerializationException("empty outbox record");
            }
        } catch (SerializationException e) {
            // The parser's message may quote the payload: the reason goes to the dead letter, not to the log.
            log.warn("outbox record {} chat {}: not an OutboxMessage, dead-lettered", DeadLetters.where(record),
                    record.key());
            deadLetters.publish(record, DeadLetter.reasonOf(e));
            return;
        }
        OutboxDelivery.Outcome outcome = delivery.deliver(message);
        if (outcome.blockedByUser()) {
            // People block bots every day: no dead letter (that would raise an alert), but the processor flags the
            // user and stops queueing replies to them.
            log.info("outbox {} chat {}: not sent, the user blocked the bot", message.outboxId(), message.chatId());
            reports.blockedByUser(message, outcome.reason());
        } else if (!outcome.delivered()) {
            log.warn("outbox {} chat {}: dead-lettered: {}", message.outboxId(), message.chatId(), outcome.reason());
            deadLetters.publish(record, outcome.reason());
            if (message.revealsContact()) {
                // The user paid for this contact: the processor refunds the unlock and tells them.
                reports.contactNotShown(message, outcome.reason());
            }
        }
    }
}
