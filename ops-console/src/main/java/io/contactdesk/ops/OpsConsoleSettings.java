package io.contactdesk.ops;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.ops.Roster;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param password {@code OPS_CONSOLE_PASSWORD}: required
 * @param secret {@code OPS_CONSOLE_SECRET}: required, at least 32 characters; signs the session cookie
 * @param retireAfter an instance stopped or silent this long leaves the console once another instance of its
 *     service is live
 * @param alertLagThreshold {@code LAG_ALERT_THRESHOLD}: a group lagging more records than this for
 *     {@code alertLagFor} raises a critical alert
 */
@ConfigurationProperties("contactdesk.ops-console")
public record OpsConsoleSettings(String password, String secret, Duration sessionTtl, Duration silentAfter,
        Duration retireAfter, Duration lagSampleInterval, Duration alertSilentAfter, long alertLagThreshold, Duration alertLagFor) {

    public static final String PASSWORD_VARIABLE = "OPS_CONSOLE_PASSWORD";
    public static final String SECRET_VARIABLE = "OPS_CONSOLE_SECRET";
    public static final int MIN_SECRET_LENGTH = 32;

    public OpsConsoleSettings {
        password = Settings.required(PASSWORD_VARIABLE, password, "the operators' password for the console");
        secret = Settings.required(SECRET_VARIABLE, secret, "a random secret of at least 32 characters");
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new InvalidSettingException(SECRET_VARIABLE, "must be at least " + MIN_SECRET_LENGTH
                    + " characters long, got " + secret.length());
        }
        sessionTtl = Settings.positive("contactdesk.ops-console.session-ttl", sessionTtl, Duration.ofHours(12));
        silentAfter = Settings.positive("contactdesk.ops-console.silent-after", silentAfter, Roster.SILENT_AFTER);
        retireAfter = Settings.positive("contactdesk.ops-console.retire-after", retireAfter, Roster.RETIRE_AFTER);
        if (retireAfter.compareTo(silentAfter) <= 0) {
            throw new InvalidSettingException("contactdesk.ops-console.retire-after", "must be longer than "
                    + "contactdesk.ops-console.silent-after (" + silentAfter + "), got " + retireAfter);
        }
        lagSampleInterval = Settings.positive("contactdesk.ops-console.lag-sample-interval", lagSampleInterval,
                Duration.ofSeconds(15));
        alertSilentAfter = Settings.positive("contactdesk.ops-console.alert-silent-after", alertSilentAfter,
                Duration.ofSeconds(60));
        alertLagFor = Settings.positive("contactdesk.ops-console.alert-lag-for", alertLagFor, Duration.ofMinutes(2));
        if (alertLagThreshold <= 0) {
            throw new InvalidSettingException("LAG_ALERT_THRESHOLD", "must be a positive number of records, got "
                    + alertLagThreshold);
        }
    }

    /** Which instances the console lists: the same rule as the processor's {@code /health}, with these durations. */
    public Roster roster() {
        return new Roster(silentAfter, retireAfter);
    }

    @Override
    public String toString() {
        return "OpsConsoleSettings[sessionTtl=" + sessionTtl + ", silentAfter=" + silentAfter + ", retireAfter=" + retireAfter
                + ", lagSampleInterval=" + lagSampleInterval + "]";
    }
}
