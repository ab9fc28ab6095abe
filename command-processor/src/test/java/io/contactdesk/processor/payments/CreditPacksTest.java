package io.contactdesk.processor.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

class CreditPacksTest {

    @Test
    void packsAreReadInTheOrderGiven() {
        assertThat(CreditPacks.parse(" 10:50, 50:200 ").packs())
                .containsExactly(new CreditPack(10, 50), new CreditPack(50, 200));
    }

    @Test
    void unsetMeansTheDefaultPacks() {
        assertThat(CreditPacks.parse(null)).isEqualTo(CreditPacks.parse(CreditPacks.DEFAULT));
    }

    @Test
    void aWrongEntryStopsStartUpNamingTheVariableAndTheEntry() {
        assertThatThrownBy(() -> CreditPacks.parse("10:50,50"))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("CREDIT_PACKS ")
                .hasMessageContaining("'50'");
        assertThatThrownBy(() -> CreditPacks.parse("10:0")).hasMessageContaining("'10:0'");
        assertThatThrownBy(() -> CreditPacks.parse("10:50001")).hasMessageContaining("'10:50001'");
        assertThatThrownBy(() -> CreditPacks.parse("10:50,10:50")).hasMessageContaining("twice");
    }
}
