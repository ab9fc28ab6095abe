package io.contactdesk.sandbox.payments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Telegram Stars as the sandbox keeps them: the invoices the bot sent, the pre-checkout queries waiting for the bot's
 * answer (Telegram waits {@link #ANSWER_WITHIN}, then cancels the payment), the charges made and refunded, and the
 * bot's Star transactions in the order they happened.
 */
public final class Payments {

    /** "Note: The Bot API must receive an answer within 10 seconds after the pre-checkout query was sent." */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    /** An invoice message: what the bot asks a user to pay. */
    public record Invoice(long chatId, long messageId, String title, String description, String payload,
                          String currency, long amount) {
    }

    /** The bot's answer to a pre-checkout query. */
    public record PreCheckoutAnswer(boolean ok, String errorMessage) {
    }

    /** A payment Telegram charged, and its refund if any. */
    public record Charge(String chargeId, long userId, Invoice invoice, Instant paidAt, Instant refundedAt) {

        Charge refunded(Instant at) {
            return new Charge(chargeId, userId, invoice, paidAt, at);
        }
    }

    /** One line of getStarTransactions: a payment in, or (refund) the same charge going back to the user. */
    public record Transaction(Charge charge, boolean refund, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Invoice> invoices = new HashMap<>();
    private final Map<String, OpenQuery> queries = new HashMap<>();
    private final Map<String, Charge> charges = new HashMap<>();
    private final List<Transaction> transactions = new ArrayList<>();

    public Payments(Clock clock) {
        this.clock = clock;
    }

    public synchronized void invoiceSent(Invoice invoice) {
        invoices.put(key(invoice.chatId(), invoice.messageId()), invoice);
    }

    public synchronized Optional<Invoice> invoice(long chatId, long messageId) {
        return Optional.ofNullable(invoices.get(key(chatId, messageId)));
    }

    /** A user confirmed paying: a new query id, waiting for the bot's answer. */
    public synchronized String openQuery(long userId, Invoice invoice) {
        String id;
        do {
            id = Long.toUnsignedString(ThreadLocalRandom.current().nextLong() >>> 1);
        } while (queries.containsKey(id));
        queries.put(id, new OpenQuery(userId, invoice, clock.instant()));
        return id;
    }

    /**
     * The bot's answer. False for an unknown query, one answered already, or one answered after
     * {@link #ANSWER_WITHIN}: Telegram has cancelled that payment.
     */
    public synchronized boolean answer(String queryId, PreCheckoutAnswer answer) {
        OpenQuery query = queries.get(queryId);
        if (query == null || query.answer != null || !clock.instant().isBefore(query.openedAt.plus(ANSWER_WITHIN))) {
            return false;
        }
        query.answer = answer;
        notifyAll();
        return true;
    }

    /** Waits (at most {@link #ANSWER_WITHIN} of real time) for the bot's answer; empty when none came in time. */
    public synchronized Optional<PreCheckoutAnswer> awaitAnswer(String queryId) throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        OpenQuery query = queries.get(queryId);
        while (query.answer == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                // Closed, as Telegram's: a late answer is refused.
                query.answer = new PreCheckoutAnswer(false, "timed out");
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return Optional.of(query.answer);
    }

    /** Telegram charged the user: a fresh charge id, like Telegram's {@code stx…}. */
    public synchronized Charge charge(long userId, Invoice invoice) {
        String id;
        do {
            id = "stxSandbox" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        } while (charges.containsKey(id));
        Charge charge = new Charge(id, userId, invoice, clock.instant(), null);
        charges.put(id, charge);
        transactions.add(new Transaction(charge, false, charge.paidAt()));
        return charge;
    }

    public synchronized Optional<Charge> charge(String chargeId) {
        return Optional.ofNullable(charges.get(chargeId));
    }

    /** @return the refunded charge; empty for an unknown charge or one of another user */
    public synchronized RefundResult refund(long userId, String chargeId) {
        Charge charge = charges.get(chargeId);
        if (charge == null || charge.userId() != userId) {
            return RefundResult.NOT_FOUND;
        }
        if (charge.refundedAt() != null) {
            return RefundResult.ALREADY_REFUNDED;
        }
        Charge refunded = charge.refunded(clock.instant());
        charges.put(chargeId, refunded);
        transactions.add(new Transaction(refunded, true, refunded.refundedAt()));
        return RefundResult.REFUNDED;
    }

    public enum RefundResult { REFUNDED, NOT_FOUND, ALREADY_REFUNDED }

    public synchronized List<Transaction> transactions(int offset, int limit) {
        int from = Math.min(offset, transactions.size());
        return List.copyOf(transactions.subList(from, Math.min(transactions.size(), from + limit)));
    }

    private static String key(long chatId, long messageId) {
        return chatId + "/" + messageId;
    }

    private static final class OpenQuery {
        final long userId;
        final Invoice invoice;
        final Instant openedAt;
        PreCheckoutAnswer answer;

        OpenQuery(long userId, Invoice invoice, Instant openedAt) {
            this.userId = userId;
            this.invoice = invoice;
            this.openedAt = openedAt;
        }
    }
}
