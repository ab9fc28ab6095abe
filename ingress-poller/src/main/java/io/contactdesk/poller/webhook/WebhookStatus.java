package io.contactdesk.poller.webhook;

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

    void checked(String url, int pending, String lastError) {
        registeredUrl = url;
        pendingUpdates = pending;
        lastErrorMessage = lastError;
        telegramError = null;
    }

    void telegramFailed(String error) {
        telegramError = error;
    }

    boolean registeredHere() {
        return expectedUrl.equals(registeredUrl);
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
