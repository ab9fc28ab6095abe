package io.contactdesk.poller.telegram;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Which bot to poll and how (docs/architecture.md section 3), checked at start-up. The token never appears in a message. */
@ConfigurationProperties("contactdesk.telegram")
public record TelegramPollingSettings(String token, String apiUrl, int pollTimeoutSeconds, int pollLimit) {

    private static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{1,200}");

    public TelegramPollingSettings {
        token = Settings.required("TELEGRAM_TOKEN", token, "the bot token from @BotFather");
        if (!TOKEN.matcher(token).matches()) {
            throw new InvalidSettingException("TELEGRAM_TOKEN", "is not a bot token (<bot id>:<secret>)");
        }
        Settings.httpUrl("TELEGRAM_API_URL", apiUrl);
        Settings.atLeast("POLL_TIMEOUT_SECONDS", pollTimeoutSeconds, 0);
        if (pollLimit < 1 || pollLimit > 100) {
            throw new InvalidSettingException("POLL_LIMIT", "must be between 1 and 100, got " + pollLimit);
        }
    }

    /** The bot's own user id: the part of the token before the colon. */
    public long botId() {
        return Long.parseLong(token.substring(0, token.indexOf(':')));
    }

    public URI apiUri() {
        return Settings.httpUrl("TELEGRAM_API_URL", apiUrl);
    }

    public Duration pollTimeout() {
        return Duration.ofSeconds(pollTimeoutSeconds);
    }

    @Override
    public String toString() {
        return "TelegramPollingSettings[bot=" + botId() + ", apiUrl=" + apiUrl + "]";
    }
}
