package io.contactdesk.notifier.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconciliationSettingsTest {

    @Test
    void unsetMeansOnceADayAnHourBackAQuarterOfAnHourAfter() {
        ReconciliationSettings settings = new ReconciliationSettings(null, null, null, null);

        assertThat(settings).isEqualTo(new ReconciliationSettings(true, Duration.ofHours(24), Duration.ofHours(1),
                Duration.ofMinutes(15)));
    }

    @Test
    void aSettleDelayAsLongAsThePeriodIsRefusedNamingIt() {
        assertThatThrownBy(() -> new ReconciliationSettings(true, Duration.ofHours(1), null, Duration.ofHours(1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("contactdesk.reconciliation.settle-delay must be shorter than");
    }

    @Test
    void aTokenWithoutTheBotIdBeforeItsColonIsRefusedNamingTheToken() {
        assertThat(ReconciliationConfiguration.botId("123456:secret")).isEqualTo(123456L);
        assertThatThrownBy(() -> ReconciliationConfiguration.botId("secret-without-id"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("TELEGRAM_TOKEN must be")
                .hasMessageNotContaining("secret-without-id");
    }
}
