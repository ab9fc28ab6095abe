package io.contactdesk.poller.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    private static final String URL = "https://bot.example.org/telegram/webhook";

    @Test
    void withoutAUrlTheIngressPollsAndNeedsNoSecret() {
        WebhookSettings settings = new WebhookSettings("", null, 8443, 40, null);

        assertThat(settings.enabled()).isFalse();
    }

    @Test
    void theSecretIsRequiredInWebhookModeAndNamedWhenMissing() {
        assertThatThrownBy(() -> new WebhookSettings(URL, "", 8443, 40, null))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("TELEGRAM_WEBHOOK_SECRET");
    }

    @Test
    void aSecretOutsideTelegramsAlphabetIsRefusedWithoutBeingEchoed() {
        assertThatThrownBy(() -> new WebhookSettings(URL, "base64+secret/=", 8443, 40, null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("TELEGRAM_WEBHOOK_SECRET")
                .hasMessageNotContaining("base64+secret");
        assertThatThrownBy(() -> new WebhookSettings(URL, "a".repeat(257), 8443, 40, null))
                .hasMessageContaining("TELEGRAM_WEBHOOK_SECRET");
    }

    @Test
    void maxConnectionsMustBeWhatTelegramAccepts() {
        assertThatThrownBy(() -> new WebhookSettings(URL, "s", 8443, 101, null))
                .hasMessageContaining("WEBHOOK_MAX_CONNECTIONS");
        assertThatThrownBy(() -> new WebhookSettings(URL, "s", 0, 40, null)).hasMessageContaining("WEBHOOK_PORT");
    }

    @Test
    void instancesServeThePathOfTheUrlAndTheSecretStaysOutOfToString() {
        WebhookSettings settings = new WebhookSettings(URL, "the-secret", 8443, 40, Duration.ofSeconds(5));

        assertThat(settings.path()).isEqualTo("/telegram/webhook");
        assertThat(settings.toString()).doesNotContain("the-secret");
    }
}
