package io.contactdesk.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void adminIdsAreParsedFromACommaSeparatedList() {
        assertThat(Settings.userIds("ADMIN_USER_IDS", " 42, 77 ,")).containsExactlyInAnyOrder(42L, 77L);
    }

    @Test
    void noAdminIdsIsAnEmptySet() {
        assertThat(Settings.userIds("ADMIN_USER_IDS", "")).isEmpty();
    }

    @Test
    void aNonNumericAdminIdNamesTheVariableAndTheValue() {
        assertThatThrownBy(() -> Settings.userIds("ADMIN_USER_IDS", "42,bob"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("ADMIN_USER_IDS must be comma-separated Telegram user ids, got 'bob'");
    }

    @Test
    void aRequiredBlankValueIsMissing() {
        assertThatThrownBy(() -> Settings.required("TELEGRAM_TOKEN", "", "the bot token"))
                .hasMessage("TELEGRAM_TOKEN is not set: it must name the bot token");
    }

    @Test
    void aNonHttpApiUrlIsRejected() {
        assertThatThrownBy(() -> Settings.httpUrl("TELEGRAM_API_URL", "ftp://x"))
                .hasMessageStartingWith("TELEGRAM_API_URL must be an http(s) URL");
        assertThat(Settings.httpUrl("TELEGRAM_API_URL", "http://localhost:8081").getPort()).isEqualTo(8081);
    }

    @Test
    void zeroIsNotPositive() {
        assertThatThrownBy(() -> Settings.positive("UNLOCK_COST_CREDITS", 0))
                .hasMessage("UNLOCK_COST_CREDITS must be a positive number, got 0");
    }

    @Test
    void theSettingFailureIsFoundThroughWrappingCauses() {
        var cause = new InvalidSettingException("POLL_LIMIT", "must be 1..100");
        var wrapped = new IllegalStateException("context failed", new RuntimeException("bind", cause));

        assertThat(InvalidSettingException.findIn(wrapped)).containsSame(cause);
        assertThat(InvalidSettingException.findIn(new RuntimeException("other"))).isEmpty();
    }
}
