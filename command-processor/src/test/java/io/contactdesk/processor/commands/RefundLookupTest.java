package io.contactdesk.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A refund's charge is unknown only once every task has looked and none holds it. */
class RefundLookupTest {

    private static final int TASKS = 3;

    @Test
    void theChargeIsNotCalledUnknownBeforeEveryTaskAnswered() {
        RefundLookup twoLooked = RefundLookup.NOTHING_YET.answer(false).answer(false);

        assertThat(twoLooked.complete(TASKS)).isFalse();
        assertThat(twoLooked.unknownCharge(TASKS)).isFalse();
    }

    @Test
    void everyTaskAnsweringWithoutTheChargeMakesItUnknown() {
        RefundLookup allLooked = RefundLookup.NOTHING_YET.answer(false).answer(false).answer(false);

        assertThat(allLooked.unknownCharge(TASKS)).isTrue();
    }

    @Test
    void oneTaskHoldingTheChargeInAnyOrderMeansItIsKnown() {
        RefundLookup holderFirst = RefundLookup.NOTHING_YET.answer(true).answer(false).answer(false);
        RefundLookup holderLast = RefundLookup.NOTHING_YET.answer(false).answer(false).answer(true);

        assertThat(holderFirst.complete(TASKS)).isTrue();
        assertThat(holderFirst.unknownCharge(TASKS)).isFalse();
        assertThat(holderLast.unknownCharge(TASKS)).isFalse();
    }
}
