package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.events.UpdateRef;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * How the ingress is doing, as health. A standby (not holding the lease) is up with {@code role=standby}. The leader
 * is up while polls succeed, and down when the Bot API or Kafka has failed for longer than a long poll plus a margin.
 */
public final class IngressStatus implements HealthIndicator {

    private final Duration staleAfter;
    private volatile boolean leader;
    private volatile Instant lastPoll;
    private volatile long lastPublishedUpdateId = -1;
    private volatile long epoch;
    private volatile String lastError;
    private volatile long fencedCount;

    public IngressStatus(Duration staleAfter, Instant startedAt) {
        this.staleAfter = staleAfter;
        this.lastPoll = startedAt;
    }

    void leading(Instant since) {
        lastPoll = since;
        lastError = null;
        leader = true;
    }

    void standingBy() {
        leader = false;
    }

    void polled(Instant at) {
        lastPoll = at;
        lastError = null;
    }

    void published(UpdateRef last, Instant at) {
        epoch = last.epoch();
        lastPublishedUpdateId = last.updateId();
    }

    void pollFailed(String error) {
        lastError = error;
    }

    void publishFailed(String error) {
        lastError = error;
    }

    void fenced() {
        fencedCount++;
        lastError = "fenced by another poller instance";
    }

    public boolean isLeader() {
        return leader;
    }

    public String role() {
        return leader ? "leader" : "standby";
    }

    /** How often this instance found itself fenced while it thought it held the lease. */
    public long fencedCount() {
        return fencedCount;
    }

    public long lastPublishedUpdateId() {
        return lastPublishedUpdateId;
    }

    /** The ingress epoch of the last update published: how often Telegram has restarted its update ids. */
    public long epoch() {
        return epoch;
    }

    @Override
    public Health health() {
        Health.Builder health;
        if (leader && lastPoll.plus(staleAfter).isBefore(Instant.now())) {
            health = Health.down().withDetail("reason", "no successful poll since " + lastPoll);
        } else {
            health = Health.up();
        }
        health.withDetail("role", role());
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        if (fencedCount > 0) {
            health.withDetail("fenced", fencedCount);
        }
        return health.withDetail("lastPublishedUpdateId", lastPublishedUpdateId).withDetail("epoch", epoch).build();
    }
}
