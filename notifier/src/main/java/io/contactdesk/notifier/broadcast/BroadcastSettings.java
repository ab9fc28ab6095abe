package io.contactdesk.notifier.broadcast;

import io.contactdesk.contracts.config.InvalidSettingException;
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
        progressInterval = positive("contactdesk.broadcast.progress-interval", progressInterval, Duration.ofSeconds(5));
        claimTimeout = positive("contactdesk.broadcast.claim-timeout", claimTimeout, Duration.ofMinutes(5));
    }

    private static Duration positive(String property, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(property, "must be a positive duration, got " + value);
        }
        return value;
    }
}
