package io.contactdesk.notifier.telegram;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * Where and as whom the notifier calls the Bot API.
 *
 * @param token {@code TELEGRAM_TOKEN}
 * @param apiUrl {@code TELEGRAM_API_URL}; blank means Telegram itself
 * @param callTimeout the longest one Bot API call may take before it counts as failed and is retried
 */
@ConfigurationProperties("contactdesk.telegram")
public record TelegramCallSettings(String token, String apiUrl, Duration callTimeout) {

    public static final String TOKEN_VARIABLE = "TELEGRAM_TOKEN";
    public static final String API_URL_VARIABLE = "TELEGRAM_API_URL";
    static final String DEFAULT_API_URL = "https://api.telegram.org";

    public TelegramCallSettings {
        token = Settings.required(TOKEN_VARIABLE, token, "the bot token from @BotFather");
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.trim();
        URI uri = Settings.httpUrl(API_URL_VARIABLE, apiUrl);
        // telegrambots builds scheme://host:port/bot<token>/<method>: a path prefix would be silently dropped.
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())) {
            throw new InvalidSettingException(API_URL_VARIABLE,
                    "must be scheme://host[:port] without a path (the Bot API lives at /bot<token>/…), got '" + apiUrl + "'");
        }
        callTimeout = Settings.positive("contactdesk.telegram.call-timeout", callTimeout, Duration.ofSeconds(15));
    }

    /** The telegrambots form of {@link #apiUrl()}. */
    public TelegramUrl telegramUrl() {
        URI uri = URI.create(apiUrl);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
    }

    @Override
    public String toString() {
        // The token is a password: never print it, even by accident.
        return "TelegramCallSettings[apiUrl=" + apiUrl + ", callTimeout=" + callTimeout + "]";
    }
}
