package io.contactdesk.poller.webhook;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook mode, chosen by {@code TELEGRAM_WEBHOOK_URL} (empty: the ingress polls). Checked at start-up; the secret never
 * appears in a message.
 *
 * @param url            the public URL Telegram calls, usually the reverse proxy's {@code https://…}
 * @param secret         sent back by Telegram as {@code X-Telegram-Bot-Api-Secret-Token}: what tells its requests from forged ones
 * @param port           where every instance serves {@code POST} on the URL's path
 * @param maxConnections Telegram's {@code max_connections}: requests in flight at once, over all instances
 * @param checkInterval  how often {@code getWebhookInfo} is compared with what was registered
 */
@ConfigurationProperties("contactdesk.webhook")
public record WebhookSettings(String url, String secret, int port, int maxConnections, Duration checkInterval) {

    /** What Telegram accepts as {@code secret_token} (Bot API, setWebhook). */
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    public WebhookSettings {
        url = url == null ? "" : url.trim();
        checkInterval = Settings.positive("contactdesk.webhook.check-interval", checkInterval, Duration.ofMinutes(1));
        if (!url.isEmpty()) {
            Settings.httpUrl("TELEGRAM_WEBHOOK_URL", url);
            if (secret == null || secret.isEmpty()) {
                throw new InvalidSettingException("TELEGRAM_WEBHOOK_SECRET",
                        "is required with TELEGRAM_WEBHOOK_URL: 1–256 characters of A-Za-z0-9_-");
            }
            if (!SECRET.matcher(secret).matches()) {
                throw new InvalidSettingException("TELEGRAM_WEBHOOK_SECRET",
                        "must be 1–256 characters of A-Za-z0-9_- (e.g. openssl rand -hex 32)");
            }
            if (port < 1 || port > 65_535) {
                throw new InvalidSettingException("WEBHOOK_PORT", "must be a port number, got " + port);
            }
            if (maxConnections < 1 || maxConnections > 100) {
                throw new InvalidSettingException("WEBHOOK_MAX_CONNECTIONS", "must be between 1 and 100, got " + maxConnections);
            }
        }
    }

    public boolean enabled() {
        return !url.isEmpty();
    }

    /** The path every instance serves: the URL's, as the reverse proxy passes it through. */
    public String path() {
        String path = URI.create(url).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", port=" + port + ", maxConnections=" + maxConnections + "]";
    }
}
