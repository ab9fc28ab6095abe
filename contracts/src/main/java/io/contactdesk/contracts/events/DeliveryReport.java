package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * What the notifier learnt about a chat while delivering: that the user blocked the bot (403), which the processor
 * records on the user's account so that nothing more is sent until they write again; or that a message revealing an
 * unlocked contact could not be delivered and was dead-lettered, so the processor refunds the unlock; or how a
 * refund of a Stars payment went ({@code causeId} is the refund's command).
 *
 * @param outboxId the delivery that found out
 * @param causeId the outbox message's cause (the update that led to it), for {@link Finding#CONTACT_NOT_SHOWN}
 * @param listingId the listing whose contact was not shown, for {@link Finding#CONTACT_NOT_SHOWN}
 */
public record DeliveryReport(String outboxId, long chatId, Finding outcome, String description, Instant at,
                             String causeId, String listingId) {

    public enum Finding {
        BLOCKED_BY_USER,
        CONTACT_NOT_SHOWN,
        /** Telegram refunded a Stars payment ({@code refundStarPayment} answered ok): take the credits back. */
        REFUNDED,
        /** Telegram refused the refund (already refunded, unknown charge…): the description says why. */
        REFUND_FAILED
    }

    public DeliveryReport(String outboxId, long chatId, Finding outcome, String description, Instant at) {
        this(outboxId, chatId, outcome, description, at, null, null);
    }
}
