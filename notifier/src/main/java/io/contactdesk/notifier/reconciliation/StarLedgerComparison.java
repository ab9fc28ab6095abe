package io.contactdesk.notifier.reconciliation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares Telegram's Star transactions with the {@code payments} rows of one window {@code [from, to)}: every
 * payment from a user in the window has its row with the same stars, every row paid in the window has its payment at
 * Telegram, and a refund on either side in the window is on the other side too. Things outside the window are there
 * only to be looked up (a row paid a minute before the window whose transaction is in it is no difference).
 */
final class StarLedgerComparison {

    /** One line of {@code getStarTransactions}: a user's payment, or its refund to them (same id, the charge id). */
    record TelegramTransaction(String chargeId, long stars, boolean refund, Instant at) {
    }

    /** One row of {@code payments}. */
    record PaymentRow(String chargeId, long stars, Instant paidAt, Instant refundedAt) {
    }

    enum DifferenceKind {
        MISSING_IN_PAYMENTS("paid at Telegram, no payments row"),
        MISSING_AT_TELEGRAM("payments row, no payment at Telegram"),
        AMOUNT_DIFFERS("stars differ"),
        REFUND_NOT_RECORDED("refunded at Telegram, not in payments"),
        REFUND_NOT_AT_TELEGRAM("refunded in payments, not at Telegram");

        final String meaning;

        DifferenceKind(String meaning) {
            this.meaning = meaning;
        }
    }

    /** What differs about one charge; {@code detail} holds numbers only, never a payload. */
    record Difference(String chargeId, DifferenceKind kind, String detail) {
    }

    private StarLedgerComparison() {
    }

    static List<Difference> compare(List<TelegramTransaction> telegram, List<PaymentRow> rows, Instant from,
            Instant to) {
        Map<String, TelegramTransaction> paid = new HashMap<>();
        Map<String, TelegramTransaction> refunded = new HashMap<>();
        for (TelegramTransaction transaction : telegram) {
            (transaction.refund() ? refunded : paid).put(transaction.chargeId(), transaction);
        }
        Map<String, PaymentRow> byCharge = new HashMap<>();
        rows.forEach(row -> byCharge.put(row.chargeId(), row));

        Set<Difference> differences = new LinkedHashSet<>();
        for (TelegramTransaction payment : paid.values()) {
            if (!within(payment.at(), from, to)) {
                continue;
            }
            PaymentRow row = byCharge.get(payment.chargeId());
            if (row == null) {
                differences.add(new Difference(payment.chargeId(), DifferenceKind.MISSING_IN_PAYMENTS,
                        payment.stars() + " stars"));
            } else if (row.stars() != payment.stars()) {
                differences.add(new Difference(payment.chargeId(), DifferenceKind.AMOUNT_DIFFERS,
                        "Telegram " + payment.stars() + ", payments " + row.stars()));
            }
        }
        for (PaymentRow row : rows) {
            if (within(row.paidAt(), from, to) && !paid.containsKey(row.chargeId())) {
                differences.add(new Difference(row.chargeId(), DifferenceKind.MISSING_AT_TELEGRAM,
                        row.stars() + " stars"));
            }
            if (within(row.refundedAt(), from, to) && !refunded.containsKey(row.chargeId())) {
                differences.add(new Difference(row.chargeId(), DifferenceKind.REFUND_NOT_AT_TELEGRAM,
                        row.stars() + " stars"));
            }
        }
        for (TelegramTransaction refund : refunded.values()) {
            PaymentRow row = byCharge.get(refund.chargeId());
            if (within(refund.at(), from, to) && (row == null || row.refundedAt() == null)) {
                differences.add(new Difference(refund.chargeId(), DifferenceKind.REFUND_NOT_RECORDED,
                        refund.stars() + " stars"));
            }
        }
        List<Difference> sorted = new ArrayList<>(differences);
        sorted.sort(Comparator.comparing(Difference::kind).thenComparing(Difference::chargeId));
        return sorted;
    }

    /** The alert's message: how many differ, then the first {@code maxListed} charges and what differs. */
    static String describe(List<Difference> differences, Instant from, Instant to, int maxListed) {
        StringBuilder text = new StringBuilder("Stars reconciliation ").append(from).append(" .. ").append(to)
                .append(": ").append(differences.size()).append(differences.size() == 1 ? " difference" : " differences");
        for (int i = 0; i < Math.min(maxListed, differences.size()); i++) {
            Difference difference = differences.get(i);
            text.append("; ").append(difference.chargeId()).append(": ").append(difference.kind().meaning)
                    .append(" (").append(difference.detail()).append(')');
        }
        if (differences.size() > maxListed) {
            text.append("; and ").append(differences.size() - maxListed).append(" more");
        }
        return text.toString();
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && at.isBefore(to);
    }
}
