package io.contactdesk.contracts.boot;

import io.contactdesk.contracts.topics.Topic;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

/**
 * The one way a service builds a producer for one topic outside Kafka Streams: the topic's own serializers, Boot's
 * producer settings (bootstrap servers, security) with this producer's own on top, and Boot's customizers (Micrometer's
 * producer metrics among them).
 */
public final class TopicProducers {

    private TopicProducers() {
    }

    /**
     * @param overrides producer settings of this producer alone (acks, idempotence, client id), over Boot's
     */
    public static <K, V> DefaultKafkaProducerFactory<K, V> factory(Topic<K, V> topic, KafkaProperties kafka,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(kafka.buildProducerProperties());
        properties.putAll(overrides);
        DefaultKafkaProducerFactory<K, V> factory = new DefaultKafkaProducerFactory<>(properties,
                topic.keySerde().serializer(), topic.valueSerde().serializer());
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }
}
