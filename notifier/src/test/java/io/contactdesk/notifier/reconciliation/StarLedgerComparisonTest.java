package io.contactdesk.notifier.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.notifier.reconciliation.StarLedgerComparison.Difference;
import io.contactdesk.notifier.reconciliation.StarLedgerComparison.DifferenceKind;
import io.contactdesk.notifier.reconciliation.StarLedgerComparison.PaymentRow;
import io.contactdesk.notifier.reconciliation.StarLedgerComparison.TelegramTransaction;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telegram's Star transactions against the payments rows of one day: what counts as a difference. */
class StarLedgerComparisonTest {

    private static final Instant FROM = Instant.parse("2026-12-05T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-06T00:00:00Z");
    private static final Instant NOON = Instant.parse("2026-12-05T12:00:00Z");

    private static TelegramTransaction paid(String charge, long stars, Instant at) {
        return new TelegramTransaction(charge, stars, false, at);
    }

    private static TelegramTransaction refunded(String charge, long stars, Instant at) {
        return new TelegramTransaction(charge, stars, true, at);
    }

    private static List<Difference> compare(List<TelegramTransaction> telegram, List<PaymentRow> rows) {
        return StarLedgerComparison.compare(telegram, rows, FROM, TO);
    }

    @Test
    void paymentsAndRefundsOnBothSidesAreNoDifference() {
        assertThat(compare(
                List.of(paid("a", 50, NOON), paid("b", 200, NOON), refunded("b", 200, NOON.plusSeconds(60))),
                List.of(new PaymentRow("a", 50, NOON, null), new PaymentRow("b", 200, NOON, NOON.plusSeconds(61)))))
                .isEmpty();
    }

    @Test
    void aPaymentAtTelegramWithoutItsRowIsMissingInPayments() {
        assertThat(compare(List.of(paid("a", 50, NOON)), List.of()))
                .containsExactly(new Difference("a", DifferenceKind.MISSING_IN_PAYMENTS, "50 stars"));
    }

    @Test
    void aRowWithoutItsPaymentAtTelegramIsMissingAtTelegram() {
        assertThat(compare(List.of(), List.of(new PaymentRow("a", 50, NOON, null))))
                .containsExactly(new Difference("a", DifferenceKind.MISSING_AT_TELEGRAM, "50 stars"));
    }

    @Test
    void starsThatDifferAreNamedWithBothAmounts() {
        assertThat(compare(List.of(paid("a", 50, NOON)), List.of(new PaymentRow("a", 40, NOON, null))))
                .containsExactly(new Difference("a", DifferenceKind.AMOUNT_DIFFERS, "Telegram 50, payments 40"));
    }

    @Test
    void aRefundAtTelegramThatPaymentsDoesNotShowIsNotRecorded() {
        assertThat(compare(List.of(paid("a", 50, NOON), refunded("a", 50, NOON.plusSeconds(60))),
                List.of(new PaymentRow("a", 50, NOON, null))))
                .containsExactly(new Difference("a", DifferenceKind.REFUND_NOT_RECORDED, "50 stars"));
    }

    @Test
    void aRefundOfAnEarlierPaymentIsCheckedOnTheDayOfTheRefund() {
        Instant lastWeek = FROM.minusSeconds(7 * 86_400);
        assertThat(compare(List.of(refunded("old", 50, NOON)), List.of(new PaymentRow("old", 50, lastWeek, null))))
                .containsExactly(new Difference("old", DifferenceKind.REFUND_NOT_RECORDED, "50 stars"));
    }

    @Test
    void aRefundInPaymentsThatTelegramDoesNotShowIsNotAtTelegram() {
        assertThat(compare(List.of(paid("a", 50, NOON)), List.of(new PaymentRow("a", 50, NOON, NOON.plusSeconds(5)))))
                .containsExactly(new Difference("a", DifferenceKind.REFUND_NOT_AT_TELEGRAM, "50 stars"));
    }

    @Test
    void aRowPaidJustBeforeTheWindowWhoseTransactionIsInItIsNoDifference() {
        // The pipeline's clock and Telegram's differ by a second at the border.
        assertThat(compare(List.of(paid("a", 50, FROM)), List.of(new PaymentRow("a", 50, FROM.minusSeconds(1), null))))
                .isEmpty();
    }

    @Test
    void thingsOutsideTheWindowAreLeftToTheirOwnDay() {
        Instant tomorrow = TO.plusSeconds(60);
        assertThat(compare(List.of(paid("late", 50, tomorrow)), List.of(new PaymentRow("early", 50, FROM.minusSeconds(60),
                FROM.minusSeconds(30))))).isEmpty();
    }

    @Test
    void theAlertNamesTheChargesAndWhatDiffersAndCountsTheRest() {
        List<Difference> differences = compare(
                List.of(paid("c1", 50, NOON), paid("c2", 50, NOON), paid("c3", 50, NOON)), List.of());

        String text = StarLedgerComparison.describe(differences, FROM, TO, 2);

        assertThat(text).isEqualTo("Stars reconciliation 2026-12-05T00:00:00Z .. 2026-12-06T00:00:00Z: 3 differences; "
                + "c1: paid at Telegram, no payments row (50 stars); c2: paid at Telegram, no payments row (50 stars); "
                + "and 1 more");
    }
}
