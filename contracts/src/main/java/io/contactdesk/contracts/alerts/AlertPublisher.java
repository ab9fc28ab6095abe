package io.contactdesk.contracts.alerts;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.contracts.config.KafkaConnection;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends alerts to {@code ops.alerts} without ever blocking or failing the caller: an alert about a broken broker
 * cannot be delivered through that broker, and the log line it came from has been written anyway.
 */
public final class AlertPublisher implements AutoCloseable {

    private final KafkaProducer<String, OpsAlert> producer;

    public AlertPublisher(KafkaConnection kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.putAll(Map.of(
                // Written to every in-sync replica, idempotently: a leader change must not lose a critical alert.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.CLIENT_ID_CONFIG, "contactdesk-alerts"));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), Topics.ALERTS.valueSerde().serializer());
    }

    public void publish(OpsAlert alert) {
        try {
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.fingerprint(), alert));
        } catch (RuntimeException e) {
            // Nowhere to report it: the broker is what is failing.
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
