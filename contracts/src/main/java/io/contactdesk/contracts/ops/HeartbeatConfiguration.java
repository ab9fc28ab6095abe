package io.contactdesk.contracts.ops;

import io.contactdesk.contracts.boot.KafkaConnectionConfiguration;
import io.contactdesk.contracts.crypto.ContactCipher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Every service that talks to Kafka publishes a heartbeat for its instance every 10 s (registered as an
 * auto-configuration by contracts, so no service has to import it). Settings:
 * <ul>
 * <li>{@code spring.kafka.bootstrap-servers}: required, the brokers (reached with the service's
 * {@code KafkaConnection}, security included)</li>
 * <li>{@code contactdesk.heartbeat.enabled}: {@code false} turns it off</li>
 * <li>{@code contactdesk.heartbeat.interval}: default 10 s</li>
 * </ul>
 * The state is Spring Boot's aggregate health status when the health endpoint exists, {@code UNKNOWN} otherwise.
 */
@AutoConfiguration
@ConditionalOnProperty("spring.kafka.bootstrap-servers")
@ConditionalOnBooleanProperty(name = "contactdesk.heartbeat.enabled", matchIfMissing = true)
public class HeartbeatConfiguration {

    /** This instance's health status for its heartbeat. */
    @FunctionalInterface
    public interface InstanceState extends Supplier<String> {
    }

    /**
     * What this instance says about its work in its heartbeat ({@link io.contactdesk.contracts.events.Heartbeat#facts()}),
     * for the ops console; a service without such a bean says nothing. Never secrets or contacts.
     */
    @FunctionalInterface
    public interface InstanceFacts extends Supplier<Map<String, String>> {
    }

    @Bean
    HeartbeatLifecycle contactdeskHeartbeat(Environment environment, ObjectProvider<InstanceState> state,
            ObjectProvider<InstanceFacts> facts) {
        String service = environment.getProperty("spring.application.name", "unnamed-service");
        Duration interval = Binder.get(environment).bind("contactdesk.heartbeat.interval", Duration.class)
                .orElse(HeartbeatPublisher.DEFAULT_INTERVAL);
        Supplier<String> health = () -> {
            InstanceState current = state.getIfAvailable();
            return current == null ? HeartbeatPublisher.UNKNOWN : current.get();
        };
        Supplier<Map<String, String>> said = () -> {
            InstanceFacts current = facts.getIfAvailable();
            return current == null ? Map.of() : current.get();
        };
        return new HeartbeatLifecycle(new HeartbeatPublisher(service, kafkaConfig(environment), health, said, interval,
                Clock.systemUTC(), keyIds(environment)));
    }

    /**
     * The ids of the keys in this service's {@code CONTACT_ENCRYPTION_KEYS}, sorted; empty without a keyring. A ring
     * that does not parse is the service's own start-up error to report (with the variable's name), not the
     * heartbeat's: it says no key then.
     */
    static List<String> keyIds(Environment environment) {
        String keyring = environment.getProperty(ContactCipher.VARIABLE);
        if (keyring == null || keyring.isBlank()) {
            return List.of();
        }
        try {
            return ContactCipher.fromKeyring(keyring).keyIds().stream().sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static Map<String, Object> kafkaConfig(Environment environment) {
        return KafkaConnectionConfiguration.of(environment).clientConfig();
    }

    /** The aggregate status of {@code /actuator/health}, when the service has Actuator's health endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.actuate.endpoint.HealthEndpoint")
    static class HealthEndpointStateConfiguration {

        @Bean
        InstanceState contactdeskHealthState(ObjectProvider<HealthEndpoint> endpoint) {
            return () -> {
                HealthEndpoint health = endpoint.getIfAvailable();
                return health == null ? HeartbeatPublisher.UNKNOWN : health.health().getStatus().getCode();
            };
        }
    }

    /** Starts beating once the context is refreshed (never during start-up) and stops before beans are destroyed. */
    public static final class HeartbeatLifecycle implements SmartLifecycle, AutoCloseable {

        private final HeartbeatPublisher publisher;

        HeartbeatLifecycle(HeartbeatPublisher publisher) {
            this.publisher = publisher;
        }

        public HeartbeatPublisher publisher() {
            return publisher;
        }

        @Override
        public void start() {
            publisher.start();
        }

        @Override
        public void stop() {
            publisher.close();
        }

        @Override
        public boolean isRunning() {
            return publisher.isRunning();
        }

        @Override
        public void close() {
            publisher.close();
        }
    }
}
