package io.contactdesk.notifier.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contracts.config.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.TelegramUrl;

class TelegramCallSettingsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Test
    void missingTokenNamesTheVariable() {
        assertThatThrownBy(() -> new TelegramCallSettings("  ", "https://api.telegram.org", TIMEOUT))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("TELEGRAM_TOKEN is not set: it must name the bot token from @BotFather");
    }

    @Test
    void blankApiUrlMeansTelegram() {
        TelegramCallSettings settings = new TelegramCallSettings("1:t", "", TIMEOUT);

        assertThat(settings.telegramUrl()).isEqualTo(new TelegramUrl("https", "api.telegram.org", 443, false));
    }

    @Test
    void sandboxUrlKeepsSchemeHostAndPort() {
        TelegramCallSettings settings = new TelegramCallSettings("1:t", "http://localhost:8081/", TIMEOUT);

        assertThat(settings.telegramUrl()).isEqualTo(new TelegramUrl("http", "localhost", 8081, false));
    }

    @Test
    void urlWithPathIsRefusedBecauseTelegrambotsWouldDropIt() {
        assertThatThrownBy(() -> new TelegramCallSettings("1:t", "https://proxy.example/telegram", TIMEOUT))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("TELEGRAM_API_URL must be scheme://host[:port] without a path");
    }

    @Test
    void notAnHttpUrlIsRefused() {
        assertThatThrownBy(() -> new TelegramCallSettings("1:t", "api.telegram.org", TIMEOUT))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("TELEGRAM_API_URL must be an http(s) URL");
    }

    @Test
    void toStringHidesTheToken() {
        assertThat(new TelegramCallSettings("123456:secret", null, TIMEOUT).toString()).doesNotContain("secret");
    }
}
