package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.SealedUpdates;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where updates are published and how they are sealed, how a failing Bot API is retried, and how the lease topic is
 * replicated.
 *
 * @param contactEncryptionKeys {@code CONTACT_ENCRYPTION_KEYS}, the keyring updates are sealed with before they reach
 *     Kafka ({@link SealedUpdates})
 */
@ConfigurationProperties("contactdesk.ingress")
public record IngressSettings(String bootstrapServers, String contactEncryptionKeys, Duration retryInitialBackoff,
        Duration retryMaxBackoff, int leaseReplicationFactor) {

    public IngressSettings {
        bootstrapServers = Settings.required("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "the Kafka brokers, host:port,…");
        ContactCipher.fromKeyring(contactEncryptionKeys);
        retryInitialBackoff = Settings.positive("contactdesk.ingress.retry-initial-backoff", retryInitialBackoff,
                Duration.ofMillis(500));
        retryMaxBackoff = Settings.positive("contactdesk.ingress.retry-max-backoff", retryMaxBackoff, Duration.ofSeconds(30));
        if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
            throw new InvalidSettingException("contactdesk.ingress.retry-max-backoff", "must not be below "
                    + "contactdesk.ingress.retry-initial-backoff (" + retryInitialBackoff + "), got " + retryMaxBackoff);
        }
        Settings.positive("KAFKA_REPLICATION_FACTOR", leaseReplicationFactor);
    }

    public SealedUpdates seals() {
        return new SealedUpdates(ContactCipher.fromKeyring(contactEncryptionKeys));
    }

    @Override
    public String toString() {
        // The keyring is a secret.
        return "IngressSettings[bootstrapServers=" + bootstrapServers + ", retry " + retryInitialBackoff + ".."
                + retryMaxBackoff + ", leaseReplicationFactor=" + leaseReplicationFactor + "]";
    }
}
