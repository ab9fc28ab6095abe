package io.contactdesk.contracts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.infra.KraftBroker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The {@code kafka} health contributor every service gets, against a real broker that goes away and comes back. */
class KafkaHealthIT {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final KraftBroker broker = KraftBroker.builder().build().start();
    private BrokerReachability reachability;

    @AfterEach
    void stop() {
        if (reachability != null) {
            reachability.close();
        }
        broker.close();
    }

    @Test
    void kafkaHealthIsDownWhileTheBrokerIsAwayAndUpAgainWhenItIsBack() {
        HealthIndicator kafka = indicatorFor(broker.bootstrapServers());
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.health().getStatus(), Status.UP::equals);

        // when the broker stops: DOWN once the grace has passed since its last answer (at most an interval before)
        long stopping = System.nanoTime();
        broker.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.health().getStatus(), Status.DOWN::equals);
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isGreaterThanOrEqualTo(GRACE.minus(INTERVAL));
        assertThat(kafka.health().getDetails()).containsKey("lastFailure");

        // when it is back on the same port: UP again
        broker.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.health().getStatus(), Status.UP::equals);
    }

    private HealthIndicator indicatorFor(String bootstrapServers) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "spring.kafka.bootstrap-servers", bootstrapServers,
                "contactdesk.kafka-health.interval", INTERVAL.toMillis() + "ms",
                "contactdesk.kafka-health.grace", GRACE.toMillis() + "ms")));
        KafkaHealthConfiguration configuration = new KafkaHealthConfiguration();
        reachability = configuration.contactdeskBrokerReachability(environment);
        return configuration.kafkaHealthIndicator(reachability);
    }
}
