package io.contactdesk.poller.ingress;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * How the ingress is doing, as health: up while polls succeed; down when the Bot API or Kafka has failed for longer
 * than a long poll plus a margin, or for good when another instance fenced this one.
 */
public final class IngressStatus implements HealthIndicator {

    private final Duration staleAfter;
    private volatile Instant lastPoll;
    private volatile long lastPublishedUpdateId = -1;
    private volatile String lastError;
    private volatile boolean fenced;

    public IngressStatus(Duration staleAfter, Instant startedAt) {
        this.staleAfter = staleAfter;
        this.lastPoll = startedAt;
    }

    void polled(Instant at) {
        lastPoll = at;
        lastError = null;
    }

    void published(long updateId, Instant at) {
        lastPublishedUpdateId = updateId;
    }

    void pollFailed(String error) {
        lastError = error;
    }

    void publishFailed(String error) {
        lastError = error;
    }

    void fenced() {
        fenced = true;
    }

    public long lastPublishedUpdateId() {
        return lastPublishedUpdateId;
    }

    @Override
    public Health health() {
        Health.Builder health;
        if (fenced) {
            health = Health.down().withDetail("reason", "fenced by another poller instance");
        } else if (lastPoll.plus(staleAfter).isBefore(Instant.now())) {
            health = Health.down().withDetail("reason", "no successful poll since " + lastPoll);
        } else {
            health = Health.up();
        }
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        return health.withDetail("lastPublishedUpdateId", lastPublishedUpdateId).build();
    }
}
