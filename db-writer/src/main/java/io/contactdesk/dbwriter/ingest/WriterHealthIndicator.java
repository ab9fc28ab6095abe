package io.contactdesk.dbwriter.ingest;

import io.contactdesk.dbwriter.database.SqlFailures;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN while polls fail and are being retried (the records wait in Kafka, uncommitted), UP once a
 * poll is written again. Complements the {@code db} indicator, which only sees whether a connection opens.
 */
final class WriterHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(WriterHealthIndicator.class);

    private record Failing(Instant since, int attempts, String error) {
    }

    private final Clock clock;
    private Failing failing;

    WriterHealthIndicator(Clock clock) {
        this.clock = clock;
    }

    synchronized void succeeded() {
        if (failing != null) {
            log.info("writing again after {} failed attempts since {}", failing.attempts(), failing.since());
            failing = null;
        }
    }

    synchronized void failed(RuntimeException error, int records) {
        String description = SqlFailures.describe(error);
        failing = failing == null
                ? new Failing(clock.instant(), 1, description)
                : new Failing(failing.since(), failing.attempts() + 1, description);
        log.warn("a poll of {} records was not written (attempt {}); it is retried, nothing is skipped: {}",
                records, failing.attempts(), description);
    }

    @Override
    public synchronized Health health() {
        if (failing == null) {
            return Health.up().build();
        }
        return Health.down()
                .withDetail("failingSince", failing.since().toString())
                .withDetail("attempts", failing.attempts())
                .withDetail("error", failing.error())
                .build();
    }
}
