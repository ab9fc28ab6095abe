package io.contactdesk.processor.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Spring Boot has none for Kafka Streams: RUNNING is up, a rebalance is alive but not ready, the rest is down. */
public final class StreamsHealthIndicator implements HealthIndicator {

    private final StreamsRunner runner;

    public StreamsHealthIndicator(StreamsRunner runner) {
        this.runner = runner;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = runner.state();
        Health.Builder health = switch (state) {
            case RUNNING -> Health.up();
            case CREATED, REBALANCING -> Health.status("REBALANCING");
            default -> Health.down();
        };
        return health.withDetail("state", state.name()).build();
    }
}
