package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How hard the notifier tries one outbox call before dead-lettering it.
 *
 * @param maxAttempts calls made for one record when Telegram is unreachable or answers 5xx
 * @param initialBackoff the wait before the second call; doubled for each further call
 * @param maxBackoff the longest single wait between calls
 * @param deliveryTimeout the longest one record may hold its partition, flood waits included; also bounds
 *     {@code max.poll.interval.ms}, which is derived from it
 */
@ConfigurationProperties("contactdesk.delivery")
record DeliverySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deliveryTimeout) {

    DeliverySettings {
        maxAttempts = Settings.positive("contactdesk.delivery.max-attempts", maxAttempts);
        initialBackoff = Settings.positive("contactdesk.delivery.initial-backoff", initialBackoff);
        maxBackoff = Settings.positive("contactdesk.delivery.max-backoff", maxBackoff);
        deliveryTimeout = Settings.positive("contactdesk.delivery.delivery-timeout", deliveryTimeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new InvalidSettingException("contactdesk.delivery.max-backoff", "must not be below the initial backoff");
        }
    }
}
