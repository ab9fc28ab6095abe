package io.contactdesk.processor.updates;

import io.contactdesk.contracts.events.UpdateRef;

/**
 * A {@code message} with {@code successful_payment} in the payer's private chat: Telegram charged the user. Telegram
 * may deliver it again (and a replay may repeat it): {@code chargeId} is what makes it one payment.
 */
public record SuccessfulPayment(UpdateRef ref, IncomingUpdate.Sender from, String currency, long totalAmount,
        String payload, String chargeId) implements ParsedUpdate {

    @Override
    public String expectedKey() {
        return Long.toString(from.userId());
    }
}
