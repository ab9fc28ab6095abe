package io.contactdesk.contracts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
    void aDurationMustBeAboveZeroAndFallsBackOnlyWhenUnset() {
        assertThat(Settings.positive("contactdesk.x", null, Duration.ofSeconds(5))).hasSeconds(5);
        assertThat(Settings.positive("contactdesk.x", Duration.ofMillis(1), Duration.ofSeconds(5)))
                .hasMillis(1);
        assertThatThrownBy(() -> Settings.positive("contactdesk.x", Duration.ZERO, Duration.ofSeconds(5)))
                .hasMessage("contactdesk.x must be a positive duration, got PT0S");
        assertThatThrownBy(() -> Settings.positive("contactdesk.y", null)).hasMessage("contactdesk.y must be a positive duration, got null");
    }

    @Test
    void theSettingFailureIsFoundThroughWrappingCauses() {
        var cause = new InvalidSettingException("POLL_LIMIT", "must be 1..100");
        var wrapped = new IllegalStateException("context failed", new RuntimeException("bind", cause));

        assertThat(InvalidSettingException.findIn(wrapped)).containsSame(cause);
        assertThat(InvalidSettingException.findIn(new RuntimeException("other"))).isEmpty();
    }
}
