package io.contactdesk.dbwriter.payments;

import static io.contactdesk.dbwriter.database.SqlParam.bigint;
import static io.contactdesk.dbwriter.database.SqlParam.text;
import static io.contactdesk.dbwriter.database.SqlParam.timestamptz;

import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.dbwriter.database.SqlParam;
import io.contactdesk.dbwriter.ingest.TopicTable;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code payments}: one row per {@code telegram_payment_charge_id}. The payment as paid is written once; its refund,
 * which arrives as the same payment with {@code refundedAt}, fills the refund columns once and is never undone by a
 * replay of the payment as paid.
 */
@Component
public class PaymentsTable implements TopicTable<StarPayment> {

    static final String INSERT = """
            INSERT INTO payments (telegram_payment_charge_id, user_id, stars, credits, ledger_entry_id, cause_id,
                                  paid_at, refunded_at, credits_reversed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (telegram_payment_charge_id) DO UPDATE
                SET refunded_at = EXCLUDED.refunded_at, credits_reversed = EXCLUDED.credits_reversed
                WHERE payments.refunded_at IS NULL AND EXCLUDED.refunded_at IS NOT NULL
            """;

    @Override
    public Topic<String, StarPayment> topic() {
        return Topics.PAYMENTS;
    }

    @Override
    public String table() {
        return "payments";
    }

    @Override
    public String insertSql() {
        return INSERT;
    }

    @Override
    public List<SqlParam> parameters(StarPayment payment) {
        return List.of(
                text(payment.chargeId()),
                bigint(payment.userId()),
                bigint(payment.stars()),
                bigint(payment.credits()),
                text(payment.ledgerEntryId()),
                text(payment.causeId()),
                timestamptz(payment.paidAt()),
                timestamptz(payment.refundedAt()),
                bigint(payment.creditsReversed()));
    }

    @Override
    public Object rowKey(StarPayment payment) {
        return payment.chargeId();
    }

    /** Within one poll, the refunded state wins over the paid one: it is the later fact about the payment. */
    @Override
    public boolean supersedes(StarPayment candidate, StarPayment kept) {
        return candidate.isRefunded() && !kept.isRefunded();
    }

    @Override
    public Optional<String> rejection(StarPayment payment) {
        if (payment.chargeId().isBlank()) {
            return Optional.of("chargeId is blank");
        }
        return payment.userId() > 0 ? Optional.empty()
                : Optional.of("userId must be a Telegram user id, got " + payment.userId());
    }
}
