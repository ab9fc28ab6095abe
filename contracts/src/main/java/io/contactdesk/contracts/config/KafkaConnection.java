package io.contactdesk.contracts.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the brokers are and how to reach them: what every Kafka client built by hand starts its configuration from,
 * so that none of them can forget the security settings.
 */
public record KafkaConnection(String bootstrapServers, KafkaSecurity security) {

    public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";

    /** {@code KAFKA_BOOTSTRAP_SERVERS} (default {@code localhost:9092}, as the services' properties) and the security. */
    public static KafkaConnection from(Function<String, String> setting) {
        String bootstrap = setting.apply(BOOTSTRAP);
        return new KafkaConnection(bootstrap == null || bootstrap.isBlank() ? "localhost:9092" : bootstrap.trim(),
                KafkaSecurity.from(setting));
    }

    /** A broker reached without authentication or encryption (tests, the default local stack). */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, KafkaSecurity.PLAINTEXT);
    }

    /** A new, mutable client configuration: {@code bootstrap.servers} and the security properties. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(security.clientProperties());
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    @Override
    public String toString() {
        return bootstrapServers + " " + security;
    }
}
