package io.contactdesk.sandbox.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook as {@code setWebhook} set it, checked by Telegram's rules (Bot API, setWebhook; the error wording is
 * telegram-bot-api's).
 *
 * @param secretToken sent as {@code X-Telegram-Bot-Api-Secret-Token} with every delivery; null when none was set
 */
public record WebhookRegistration(URI url, String secretToken, int maxConnections, Set<String> allowedUpdates) {

    public static final int DEFAULT_MAX_CONNECTIONS = 40;
    private static final Set<Integer> TELEGRAM_PORTS = Set.of(443, 80, 88, 8443);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /**
     * Checks {@code setWebhook}'s arguments.
     *
     * @param maxConnections null for the default; clamped to 1..100 as telegram-bot-api does
     * @throws IllegalArgumentException with Telegram's description (without "Bad Request: ")
     */
    public static WebhookRegistration of(String url, String secretToken, Long maxConnections, Set<String> allowedUpdates,
            WebhookSenderSettings settings) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad webhook: Wrong HTTP URL specified");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("bad webhook: Wrong HTTP URL specified");
        }
        boolean localPlainHttp = settings.allowLocalPlainHttp() && scheme.equals("http")
                && LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!localPlainHttp) {
            if (!scheme.equals("https")) {
                throw new IllegalArgumentException("bad webhook: An HTTPS URL must be provided for webhook");
            }
            int port = uri.getPort() == -1 ? 443 : uri.getPort();
            if (!TELEGRAM_PORTS.contains(port)) {
                throw new IllegalArgumentException("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
            }
        }
        if (secretToken != null && !SECRET.matcher(secretToken).matches()) {
            throw new IllegalArgumentException("secret token contains unallowed characters");
        }
        int connections = maxConnections == null ? DEFAULT_MAX_CONNECTIONS
                : (int) Math.max(1, Math.min(100, maxConnections));
        return new WebhookRegistration(uri, secretToken, connections, Set.copyOf(allowedUpdates));
    }
}
