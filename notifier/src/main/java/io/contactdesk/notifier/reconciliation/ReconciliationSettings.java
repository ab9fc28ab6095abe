package io.contactdesk.notifier.reconciliation;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Stars reconciliation: {@code payments} against {@code getStarTransactions}, once per interval per bot.
 *
 * @param enabled {@code RECONCILIATION_ENABLED}; false: never run (a bot that sells nothing)
 * @param interval the length of a period (24h: a day, from 00:00 UTC); each period is checked once, after it ended
 * @param overlap how far each check reaches back into the period before, so a payment at the border is seen twice
 *     rather than never
 * @param settleDelay how long after a period ended its check waits, so payments of its last minutes have reached
 *     {@code payments} through the pipeline
 */
@ConfigurationProperties("contactdesk.reconciliation")
public record ReconciliationSettings(Boolean enabled, Duration interval, Duration overlap, Duration settleDelay) {

    public ReconciliationSettings {
        enabled = enabled == null || enabled;
        interval = Settings.positive("contactdesk.reconciliation.interval", interval, Duration.ofHours(24));
        overlap = notNegative("contactdesk.reconciliation.overlap", overlap, Duration.ofHours(1));
        settleDelay = notNegative("contactdesk.reconciliation.settle-delay", settleDelay, Duration.ofMinutes(15));
        if (settleDelay.compareTo(interval) >= 0) {
            throw new InvalidSettingException("contactdesk.reconciliation.settle-delay",
                    "must be shorter than contactdesk.reconciliation.interval (" + interval + "), got " + settleDelay);
        }
    }

    private static Duration notNegative(String property, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new InvalidSettingException(property, "must not be negative, got " + value);
        }
        return value;
    }
}
