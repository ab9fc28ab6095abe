package io.contactdesk.ops;

import io.contactdesk.contracts.config.InvalidSettingException;
import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.ops.Roster;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param password {@code OPS_CONSOLE_PASSWORD}: required
 * @param secret {@code OPS_CONSOLE_SECRET}: required, at least 32 characters; signs the session cookie
 * @param retireAfter an instance stopped or silent this long leaves the console once another instance of its
 *     service is live
 * @param alertLagThreshold {@code LAG_ALERT_THRESHOLD}: a group lagging more records than this for
 *     {@code alertLagFor} raises a critical alert
 * @param trustedProxies {@code OPS_CONSOLE_TRUSTED_PROXIES}: addresses of the reverse proxies in front of the
 *     console, the only peers whose {@code X-Forwarded-For} / {@code X-Forwarded-Proto} are believed
 */
@ConfigurationProperties("contactdesk.ops-console")
public record OpsConsoleSettings(String password, String secret, Duration sessionTtl, Duration silentAfter,
        Duration retireAfter, Duration lagSampleInterval, Duration alertSilentAfter, long alertLagThreshold, Duration alertLagFor,
        Set<String> trustedProxies) {

    public static final String PASSWORD_VARIABLE = "OPS_CONSOLE_PASSWORD";
    public static final String SECRET_VARIABLE = "OPS_CONSOLE_SECRET";
    public static final int MIN_SECRET_LENGTH = 32;
    public static final String TRUSTED_PROXIES_VARIABLE = "OPS_CONSOLE_TRUSTED_PROXIES";
    // An IPv4 or IPv6 literal as the servlet container reports a peer: a host name would be resolved by nobody.
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

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
        trustedProxies = trustedProxies == null ? Set.of() : trustedProxies.stream().map(String::trim)
                .filter(address -> !address.isEmpty()).collect(Collectors.toUnmodifiableSet());
        for (String address : trustedProxies) {
            if (!IP_LITERAL.matcher(address).matches()) {
                throw new InvalidSettingException(TRUSTED_PROXIES_VARIABLE, "must be comma-separated IP addresses "
                        + "(as the console sees its peers), got '" + address + "'");
            }
        }
    }

    /** Which instances the console lists, on its page and in its answer to {@code /health}, with these durations. */
    public Roster roster() {
        return new Roster(silentAfter, retireAfter);
    }

    @Override
    public String toString() {
        return "OpsConsoleSettings[sessionTtl=" + sessionTtl + ", silentAfter=" + silentAfter + ", retireAfter=" + retireAfter
                + ", lagSampleInterval=" + lagSampleInterval + ", trustedProxies=" + trustedProxies + "]";
    }
}
