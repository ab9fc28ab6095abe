package io.contactdesk.notifier.alerts;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where ops alerts go and how repeats fold.
 *
 * @param adminUserIds {@code ADMIN_USER_IDS}: who gets alerts in Telegram; none means alerts are only logged
 * @param foldWindow repeats of a fingerprint within this window after it was sent are only counted, and summed up
 *     in one summary per window
 * @param summaryInterval how often due summaries are looked for
 */
@ConfigurationProperties("contactdesk.alerts")
public record AlertSettings(String adminUserIds, Duration foldWindow, Duration summaryInterval) {

    static final String ADMINS_VARIABLE = "ADMIN_USER_IDS";

    public AlertSettings {
        Settings.userIds(ADMINS_VARIABLE, adminUserIds); // fails start-up naming the variable
        foldWindow = positive("contactdesk.alerts.fold-window", foldWindow, Duration.ofMinutes(5));
        summaryInterval = positive("contactdesk.alerts.summary-interval", summaryInterval, Duration.ofSeconds(30));
    }

    /** The admins' user ids: they get alerts, and the admin commands in their command menu. */
    public Set<Long> admins() {
        return Settings.userIds(ADMINS_VARIABLE, adminUserIds);
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
