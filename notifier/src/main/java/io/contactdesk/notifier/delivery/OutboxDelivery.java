package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.notifier.contacts.ContactReveal;
import io.contactdesk.notifier.flood.FloodControl;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.BotApiException;
import io.contactdesk.notifier.telegram.ResultUnreadCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs one outbox call, waiting and calling again as the {@link RetryPolicy} says, until it is delivered
 * or must be dead-lettered. Waiting here rather than moving on keeps each chat's calls in order.
 */
final class OutboxDelivery {

    static final String REPLIES_SENT = "contactdesk.replies.sent";

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);

    /**
     * How one record ended: delivered; refused because the user blocked the bot (the processor must learn it);
     * failed with the reason its dead letter carries; or skipped by its lane without a call (e.g. a broadcast
     * message another notifier already claimed).
     */
    record DeliveryOutcome(Result result, String reason) {

        enum Result { SENT, BLOCKED_BY_USER, FAILED, SKIPPED }

        static DeliveryOutcome sent() {
            return new DeliveryOutcome(Result.SENT, null);
        }

        static DeliveryOutcome failed(String reason) {
            return new DeliveryOutcome(Result.FAILED, reason);
        }

        static DeliveryOutcome blockedByUser(String reason) {
            return new DeliveryOutcome(Result.BLOCKED_BY_USER, reason);
        }

        static DeliveryOutcome skipped(String reason) {
            return new DeliveryOutcome(Result.SKIPPED, reason);
        }

        boolean delivered() {
            return result == Result.SENT;
        }

        boolean blockedByUser() {
            return result == Result.BLOCKED_BY_USER;
        }
    }

    /**
     * The service stopped while a record was between calls, or its partition was handed over before it called: it
     * stays uncommitted and is redelivered.
     */
    static final class DeliveryStoppedException extends RuntimeException {

        DeliveryStoppedException(String outboxId) {
            super("stopped while delivering outbox " + outboxId);
        }
    }

    private final BotApi botApi;
    private final RetryPolicy policy;
    private final Pause pause;
    private final MeterRegistry meters;
    private final ContactReveal contacts;
    private final FloodControl flood;

    OutboxDelivery(BotApi botApi, RetryPolicy policy, Pause pause, MeterRegistry meters, ContactReveal contacts,
            FloodControl flood) {
        this.botApi = botApi;
        this.policy = policy;
        this.pause = pause;
        this.meters = meters;
        this.contacts = contacts;
        this.flood = flood;
    }

    /**
     * A sealed contact is opened here, once per record, and lives only in the call: logs and reasons name the
     * original message (ids only) and pass every text from the Bot API or telegrambots through
     * {@link ContactReveal.Revealed#redact(String)}; the dead letter keeps the original, sealed record.
     */
    DeliveryOutcome deliver(OutboxMessage message) {
        return deliver(message, Lane.INTERACTIVE);
    }

    /** As {@link #deliver(OutboxMessage)}, taking turns as {@code lane} says before each call. */
    DeliveryOutcome deliver(OutboxMessage message, Lane lane) {
        ContactReveal.Revealed revealed;
        try {
            revealed = contacts.reveal(message);
        } catch (ContactReveal.UnrevealableContactException e) {
            return DeliveryOutcome.failed(e.getMessage());
        }
        ResultUnreadCall call;
        try {
            // Whether Telegram accepted the call is all a delivery reads of the answer.
            call = ResultUnreadCall.of(OutboxCalls.toMethod(revealed.message()));
        } catch (OutboxCalls.InvalidCallException e) {
            return DeliveryOutcome.failed(revealed.redact(e.getMessage()));
        }
        RetryPolicy.Retries retries = policy.start();
        boolean first = true;
        while (true) {
            BotApiException failure;
            if (!lane.awaitTurn()) {
                log.info("outbox {} chat {}: stopping while yielding to replies, left uncommitted for redelivery",
                        message.outboxId(), message.chatId());
                throw new DeliveryStoppedException(message.outboxId());
            }
            awaitPermit(message, lane);
            try {
                // Claimed only now, with the permit in hand: a notifier killed while it waited leaves nothing claimed.
                if (first && !lane.mayCall(message)) {
                    return DeliveryOutcome.skipped("not called: its lane declined it");
                }
                first = false;
                if (!lane.enterCall()) {
                    log.info("outbox {} chat {}: its partition was handed over before the call, left uncommitted for its "
                            + "next owner", message.outboxId(), message.chatId());
                    throw new DeliveryStoppedException(message.outboxId());
                }
                try {
                    botApi.execute(call);
                    return sent(message);
                } catch (BotApiException e) {
                    failure = e;
                    if (FailureKind.of(e) == FailureKind.FLOOD_WAIT) {
                        flood.tooManyRequests(message.method());
                    }
                } catch (RuntimeException e) {
                    // A call telegrambots cannot even serialize or send is as hopeless as a 400.
                    return DeliveryOutcome.failed(revealed.redact(
                            message.method() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            } finally {
                // Answered or not made: the next call may take this one's place among the calls in flight.
                flood.callEnded();
            }
            RetryPolicy.RetryStep decision = retries.after(failure);
            switch (decision.step()) {
                case DELIVERED:
                    return sent(message);
                case GIVE_UP:
                    String reason = message.method() + ": " + revealed.redact(decision.reason());
                    return FailureKind.blockedByUser(failure, message.chatId())
                            ? DeliveryOutcome.blockedByUser(reason) : DeliveryOutcome.failed(reason);
                case RETRY:
                default:
                    log.info("outbox {} chat {}: {} failed ({}), call {} in {} ms", message.outboxId(),
                            message.chatId(), message.method(), revealed.redact(decision.reason()), retries.calls(),
                            decision.delay().toMillis());
                    if (!pause.sleep(decision.delay())) {
                        log.info("outbox {} chat {}: stopping, left uncommitted for redelivery", message.outboxId(),
                                message.chatId());
                        throw new DeliveryStoppedException(message.outboxId());
                    }
            }
        }
    }

    /**
     * Every call, retries included, waits for its flood-control permit. A stop or an interrupt meanwhile leaves the
     * record uncommitted; a permit that takes longer than the flood control's bound fails the record back to the
     * container, which offers it again later (it is not dead-lettered: nothing is wrong with it).
     */
    private void awaitPermit(OutboxMessage message, Lane lane) {
        boolean permitted;
        try {
            permitted = lane.bulk() ? flood.awaitBulkPermit(message.chatId(), message.method())
                    : flood.awaitPermit(message.chatId(), message.method());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            permitted = false;
        }
        if (!permitted) {
            log.info("outbox {} chat {}: stopping while waiting for flood control, left uncommitted for redelivery",
                    message.outboxId(), message.chatId());
            throw new DeliveryStoppedException(message.outboxId());
        }
    }

    private DeliveryOutcome sent(OutboxMessage message) {
        Counter.builder(REPLIES_SENT).tag("method", message.method()).register(meters).increment();
        return DeliveryOutcome.sent();
    }
}
