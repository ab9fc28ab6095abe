package io.contactdesk.poller.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness in webhook mode: Kafka reachable (the ingress epoch was read, and the last publish did not fail) and
 * Telegram's webhook is this service's URL (by the last {@code getWebhookInfo}). Every instance is active: there is
 * no standby role.
 */
final class WebhookStatus implements HealthIndicator {

    private final String expectedUrl;
    private volatile long epoch = -1;
    private volatile String kafkaError = "ingress epoch not read from Kafka yet";
    private volatile String registeredUrl;
    private volatile String telegramError = "webhook not registered yet";
    private volatile int pendingUpdates = -1;
    private volatile String lastErrorMessage;
    private volatile Integer lastErrorDate;
    private volatile Integer maxConnections;
    private volatile long lastPublishedUpdateId = -1;

    WebhookStatus(String expectedUrl) {
        this.expectedUrl = expectedUrl;
    }

    void epochRead(long epoch) {
        this.epoch = epoch;
        kafkaError = null;
    }

    long epoch() {
        return epoch;
    }

    void published(long updateId) {
        lastPublishedUpdateId = updateId;
        kafkaError = null;
    }

    void kafkaFailed(String error) {
        kafkaError = error;
    }

    /** What {@code getWebhookInfo} said; {@code lastErrorDate} in Unix seconds and {@code maxConnections} may be null. */
    void checked(String url, int pending, Integer lastErrorDate, String lastError, Integer maxConnections) {
        registeredUrl = url;
        pendingUpdates = pending;
        this.lastErrorDate = lastErrorDate;
        lastErrorMessage = lastError;
        this.maxConnections = maxConnections;
        telegramError = null;
    }

    void telegramFailed(String error) {
        telegramError = error;
    }

    boolean registeredHere() {
        return expectedUrl.equals(registeredUrl);
    }

    /**
     * This instance's facts for its heartbeat, and so for the ops console: the mode, and Telegram's
     * {@code getWebhookInfo} as last checked (nothing of it before the first check). The URL is the operator's own
     * setting; the secret is never part of it.
     */
    Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("ingress", "webhook");
        facts.put("webhook.expected_url", expectedUrl);
        if (telegramError != null) {
            facts.put("webhook.check_error", telegramError);
        }
        if (pendingUpdates >= 0) {
            facts.put("webhook.url", registeredUrl == null ? "" : registeredUrl);
            facts.put("webhook.pending_update_count", Integer.toString(pendingUpdates));
            Optional.ofNullable(maxConnections).ifPresent(max -> facts.put("webhook.max_connections", max.toString()));
            Optional.ofNullable(lastErrorDate).filter(date -> date > 0).ifPresent(date ->
                    facts.put("webhook.last_error_date", Instant.ofEpochSecond(date).toString()));
            Optional.ofNullable(lastErrorMessage).ifPresent(error -> facts.put("webhook.last_error_message", error));
        }
        return facts;
    }

    @Override
    public Health health() {
        Health.Builder health;
        if (kafkaError != null) {
            health = Health.down().withDetail("reason", "Kafka: " + kafkaError);
        } else if (!registeredHere()) {
            health = Health.down().withDetail("reason", telegramError != null ? telegramError
                    : "Telegram's webhook is '" + registeredUrl + "', not " + expectedUrl);
        } else {
            health = Health.up();
        }
        health.withDetail("role", "webhook").withDetail("url", expectedUrl).withDetail("epoch", epoch)
                .withDetail("lastPublishedUpdateId", lastPublishedUpdateId);
        if (pendingUpdates >= 0) {
            health.withDetail("pendingUpdateCount", pendingUpdates);
        }
        Optional.ofNullable(lastErrorMessage).ifPresent(error -> health.withDetail("lastErrorMessage", error));
        return health.build();
    }
}
