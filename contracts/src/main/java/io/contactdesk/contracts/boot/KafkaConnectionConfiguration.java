package io.contactdesk.contracts.boot;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.config.KafkaSecurity;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The {@link KafkaConnection} that a service's hand-built Kafka clients start from (Spring Kafka's get the same). */
@AutoConfiguration
@ConditionalOnProperty("spring.kafka.bootstrap-servers")
public class KafkaConnectionConfiguration {

    @Bean
    KafkaConnection kafkaConnection(Environment environment) {
        return of(environment);
    }

    /** For the auto-configurations that run without this one's bean (heartbeats, alerts). */
    public static KafkaConnection of(Environment environment) {
        return new KafkaConnection(environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                KafkaSecurity.from(environment::getProperty));
    }
}
