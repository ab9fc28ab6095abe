package io.contactdesk.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment in Telegram Stars ({@code XTR}) that credited a user, once per {@code telegram_payment_charge_id}: the
 * charge id is the payment's identity everywhere (the processor's dedupe store, the {@code payments} table's key), so a
 * redelivered or replayed {@code successful_payment} is the same payment.
 *
 * @param chargeId Telegram's {@code telegram_payment_charge_id}, needed to refund it
 * @param stars what the user paid ({@code total_amount})
 * @param credits what the pack gave
 * @param ledgerEntryId the {@code PURCHASE} ledger entry that credited it
 * @param refundedAt when the stars went back to the user, or null
 * @param creditsReversed credits taken back with the refund (at most {@code credits}: never below a zero balance)
 */
public record StarPayment(
        String chargeId,
        long userId,
        long stars,
        long credits,
        String ledgerEntryId,
        String causeId,
        Instant paidAt,
        Instant refundedAt,
        long creditsReversed) {

    public StarPayment {
        Objects.requireNonNull(chargeId, "chargeId");
        Objects.requireNonNull(paidAt, "paidAt");
    }

    public static StarPayment paid(String chargeId, long userId, long stars, long credits, String ledgerEntryId,
            String causeId, Instant paidAt) {
        return new StarPayment(chargeId, userId, stars, credits, ledgerEntryId, causeId, paidAt, null, 0);
    }

    public StarPayment refunded(Instant at, long reversed) {
        return new StarPayment(chargeId, userId, stars, credits, ledgerEntryId, causeId, paidAt, at, reversed);
    }

    public boolean isRefunded() {
        return refundedAt != null;
    }
}
