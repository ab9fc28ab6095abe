package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where updates are published and how a failing Bot API is retried. */
@ConfigurationProperties("contactdesk.ingress")
public record IngressSettings(String bootstrapServers, Duration retryInitialBackoff, Duration retryMaxBackoff) {

    public IngressSettings {
        bootstrapServers = Settings.required("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "the Kafka brokers, host:port,…");
    }
}
