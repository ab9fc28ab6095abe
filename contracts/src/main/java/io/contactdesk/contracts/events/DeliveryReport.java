package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * What the notifier learnt about a chat while delivering: today only that the user blocked the bot (403), which the
 * processor records on the user's account so that nothing more is sent until they write again.
 *
 * @param outboxId the delivery that found out
 */
public record DeliveryReport(String outboxId, long chatId, Outcome outcome, String description, Instant at) {

    public enum Outcome {
        BLOCKED_BY_USER
    }
}
