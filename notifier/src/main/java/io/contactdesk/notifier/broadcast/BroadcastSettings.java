package io.contactdesk.notifier.broadcast;

import io.contactdesk.contracts.config.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param progressInterval how often a running broadcast's status message is brought up to date
 * @param claimTimeout how long a claimed call may stay unsettled before it counts as failed (its notifier died
 *     mid-call); longer than the longest delivery of one record
 */
@ConfigurationProperties("contactdesk.broadcast")
public record BroadcastSettings(Duration progressInterval, Duration claimTimeout) {

    public BroadcastSettings {
        progressInterval = Settings.positive("contactdesk.broadcast.progress-interval", progressInterval, Duration.ofSeconds(5));
        claimTimeout = Settings.positive("contactdesk.broadcast.claim-timeout", claimTimeout, Duration.ofMinutes(5));
    }
}
