package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where updates are published, how a failing Bot API is retried, and how the lease topic is replicated. */
@ConfigurationProperties("contactdesk.ingress")
public record IngressSettings(String bootstrapServers, Duration retryInitialBackoff, Duration retryMaxBackoff,
        int leaseReplicationFactor) {

    public IngressSettings {
        bootstrapServers = Settings.required("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "the Kafka brokers, host:port,…");
        Settings.positive("KAFKA_REPLICATION_FACTOR", leaseReplicationFactor);
    }
}
