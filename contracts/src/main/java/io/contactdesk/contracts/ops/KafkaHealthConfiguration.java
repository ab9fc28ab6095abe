package io.contactdesk.contracts.ops;

import io.contactdesk.contracts.config.Settings;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code kafka} health contributor of every service that talks to Kafka (registered as an auto-configuration by
 * contracts): DOWN once the cluster has not answered for longer than a grace ({@link BrokerReachability}). Services
 * put it in their readiness group, never in liveness: a restart does not bring a broker back. Settings:
 * <ul>
 * <li>{@code contactdesk.kafka-health.grace}: default 10 s</li>
 * <li>{@code contactdesk.kafka-health.interval}: how often the cluster is asked, default 2 s</li>
 * <li>{@code contactdesk.kafka-health.enabled}: {@code false} turns it off</li>
 * </ul>
 */
@AutoConfiguration
@ConditionalOnProperty("spring.kafka.bootstrap-servers")
@ConditionalOnBooleanProperty(name = "contactdesk.kafka-health.enabled", matchIfMissing = true)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
public class KafkaHealthConfiguration {

    @Bean(destroyMethod = "close")
    BrokerReachability contactdeskBrokerReachability(Environment environment) {
        Binder binder = Binder.get(environment);
        Duration interval = Settings.positive("contactdesk.kafka-health.interval",
                binder.bind("contactdesk.kafka-health.interval", Duration.class).orElse(null),
                BrokerReachability.DEFAULT_INTERVAL);
        Duration grace = Settings.positive("contactdesk.kafka-health.grace",
                binder.bind("contactdesk.kafka-health.grace", Duration.class).orElse(null),
                BrokerReachability.DEFAULT_GRACE);
        return BrokerReachability.start(HeartbeatConfiguration.kafkaConfig(environment), interval, grace);
    }

    @Bean
    HealthIndicator kafkaHealthIndicator(BrokerReachability reachability) {
        return () -> {
            BrokerReachability.Reading reading = reachability.read();
            Health.Builder health = reading.reachable() ? Health.up() : Health.down();
            if (reading.lastAnswer() != null) {
                health.withDetail("lastAnswerAt", reading.lastAnswer().toString());
            }
            if (!reading.reachable()) {
                health.withDetail("lastFailure", reading.lastFailure());
            }
            return health.build();
        };
    }
}
