package io.contactdesk.contracts.boot;

import io.contactdesk.contracts.config.KafkaSecurity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Hands the {@code KAFKA_SECURITY_PROTOCOL} … settings ({@link KafkaSecurity}) to every client Spring Kafka builds,
 * as {@code spring.kafka.properties.*}: listeners, templates and the admin alike. Checked before anything connects, so
 * {@code SASL_SSL} without {@code KAFKA_SASL_USERNAME} stops start-up with the one line naming it.
 */
public class KafkaSecurityEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "contactdeskKafkaSecurity";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        KafkaSecurity security = KafkaSecurity.from(environment::getProperty);
        Map<String, Object> properties = new LinkedHashMap<>();
        security.clientProperties().forEach((key, value) -> properties.put("spring.kafka.properties." + key, value));
        if (!properties.isEmpty()) {
            // last: a service's own spring.kafka.properties.* still wins
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
        }
    }

    /** After the config data (the service's properties file) is loaded. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
