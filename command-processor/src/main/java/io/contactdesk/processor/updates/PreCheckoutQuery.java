package io.contactdesk.processor.updates;

import io.contactdesk.contracts.events.UpdateRef;

/**
 * {@code pre_checkout_query}: the user confirmed paying an invoice, and Telegram waits (at most 10 s) for the bot to
 * accept or refuse before it charges anything.
 *
 * @param payload the invoice's payload as the client sent it back: not to be believed before it is verified
 */
public record PreCheckoutQuery(UpdateRef ref, IncomingUpdate.Sender from, String queryId, String currency,
        long totalAmount, String payload) implements ParsedUpdate {

    @Override
    public String expectedKey() {
        return Long.toString(from.userId());
    }
}
