package io.contactdesk.dbwriter.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.StarPayment;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentsTableTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
    private final PaymentsTable table = new PaymentsTable();
    private final StarPayment paid = StarPayment.paid("stx-1", 42, 200, 50, "update:9/ledger:0", "update:9", AT);

    @Test
    void aPaymentIsKeyedByItsChargeId() {
        assertThat(table.rowKey(paid)).isEqualTo("stx-1");
        assertThat(table.insertSql()).contains("ON CONFLICT (telegram_payment_charge_id)");
    }

    @Test
    void itsRefundSupersedesThePaymentAsPaidAndNeverTheOtherWayRound() {
        StarPayment refunded = paid.refunded(AT.plusSeconds(60), 50);

        assertThat(table.supersedes(refunded, paid)).isTrue();
        assertThat(table.supersedes(paid, refunded)).isFalse();
    }

    @Test
    void aPaymentWithoutUserIsRejected() {
        assertThat(table.rejection(StarPayment.paid("stx-1", 0, 200, 50, null, null, AT))).isPresent();
        assertThat(table.rejection(paid)).isEmpty();
    }
}
