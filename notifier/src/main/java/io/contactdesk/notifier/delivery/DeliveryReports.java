package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Tells the processor what a delivery learnt about a chat, on {@code tg.delivery-reports} keyed by chat id: that the
 * user blocked the bot, so that it stops queueing messages for them until they write again; or that a message
 * revealing a contact was dead-lettered, so that the processor refunds the unlock; or how a Stars refund went.
 */
final class DeliveryReports {

    static final String REPORTS = "contactdesk.delivery.reports";

    private final KafkaOperations<String, DeliveryReport> kafka;
    private final Counter blocked;
    private final Counter contactsNotShown;
    private final Clock clock;

    DeliveryReports(KafkaOperations<String, DeliveryReport> kafka, MeterRegistry meters, Clock clock) {
        this.kafka = kafka;
        this.blocked = Counter.builder(REPORTS).tag("outcome", DeliveryReport.Finding.BLOCKED_BY_USER.name())
                .register(meters);
        this.contactsNotShown = Counter.builder(REPORTS).tag("outcome", DeliveryReport.Finding.CONTACT_NOT_SHOWN.name())
                .register(meters);
        this.clock = clock;
    }

    /**
     * Returns once the broker has the report, so that committing the source offset afterwards cannot lose it; throws
     * when it could not be written, leaving the record to be processed again (a second report is harmless).
     */
    void blockedByUser(OutboxMessage message, String description) {
        send(message, new DeliveryReport(message.outboxId(), message.chatId(),
                DeliveryReport.Finding.BLOCKED_BY_USER, description, clock.instant()));
        blocked.increment();
    }

    /** The message revealing a contact was dead-lettered: the user paid for a contact they never saw. */
    void contactNotShown(OutboxMessage message, String description) {
        Object listingId = message.params().get(OutboxMessage.CONTACT_LISTING_ID);
        send(message, new DeliveryReport(message.outboxId(), message.chatId(), DeliveryReport.Finding.CONTACT_NOT_SHOWN,
                description, clock.instant(), message.causeId(), listingId == null ? null : listingId.toString()));
        contactsNotShown.increment();
    }

    /** How a {@code refundStarPayment} went: the processor takes the credits back only once Telegram refunded. */
    void refund(OutboxMessage message, boolean refunded, String description) {
        DeliveryReport.Finding outcome = refunded ? DeliveryReport.Finding.REFUNDED
                : DeliveryReport.Finding.REFUND_FAILED;
        send(message, new DeliveryReport(message.outboxId(), message.chatId(), outcome, description, clock.instant(),
                message.causeId(), null));
    }

    private void send(OutboxMessage message, DeliveryReport report) {
        try {
            kafka.send(Topics.DELIVERY_REPORTS.name(), Long.toString(message.chatId()), report).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while reporting outbox " + message.outboxId(), e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot report outbox " + message.outboxId() + " chat " + message.chatId(),
                    e.getCause());
        }
    }
}
