package io.contactdesk.poller.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import org.junit.jupiter.api.Test;

class TelegramPollingSettingsTest {

    @Test
    void theBotIdIsTheTokensNumericPrefixAndTheTokenIsNeverPrinted() {
        TelegramPollingSettings settings = new TelegramPollingSettings("123456:secret-part", "https://api.telegram.org", 25, 100);

        assertThat(settings.botId()).isEqualTo(123456);
        assertThat(settings.toString()).doesNotContain("secret-part");
    }

    @Test
    void aMissingTokenNamesTheVariable() {
        assertThatThrownBy(() -> new TelegramPollingSettings("", "https://api.telegram.org", 25, 100))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("TELEGRAM_TOKEN is not set");
    }

    @Test
    void aMalformedTokenIsRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> new TelegramPollingSettings("not-a-token-s3cr3t", "https://api.telegram.org", 25, 100))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("TELEGRAM_TOKEN")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aWrongApiUrlOrPollLimitNamesTheVariable() {
        assertThatThrownBy(() -> new TelegramPollingSettings("1:a", "ftp://x", 25, 100)).hasMessageContaining("TELEGRAM_API_URL");
        assertThatThrownBy(() -> new TelegramPollingSettings("1:a", "http://x", 25, 101)).hasMessageContaining("POLL_LIMIT");
    }
}
