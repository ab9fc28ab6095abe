package io.contactdesk.contracts.boot;

import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.topics.TopicProvisioning;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Every service makes sure the pipeline's topics exist (through Spring Kafka's {@link KafkaAdmin}),
 * so services can start in any order against an empty broker.
 */
@Configuration(proxyBeanMethods = false)
public class TopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics contactdeskTopics(
            @Value("${KAFKA_TOPIC_PARTITIONS:12}") int partitions,
            @Value("${KAFKA_REPLICATION_FACTOR:1}") int replicationFactor) {
        Settings.positive("KAFKA_TOPIC_PARTITIONS", partitions);
        Settings.positive("KAFKA_REPLICATION_FACTOR", replicationFactor);
        return new KafkaAdmin.NewTopics(
                TopicProvisioning.newTopics(partitions, (short) replicationFactor).toArray(NewTopic[]::new));
    }
}
