package io.contactdesk.sandbox.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sandbox plays Telegram's webhook sender.
 *
 * @param allowLocalPlainHttp Telegram accepts only {@code https} URLs on ports 443, 80, 88 and 8443; tests and the local
 *     stack serve plain {@code http} on a free port of this machine, so a sandbox built with this set also accepts
 *     {@code http://localhost|127.0.0.1|[::1]:<any port>} (and only those; every other URL still obeys Telegram's rule)
 * @param retryInitial the wait before the first retry of an update its endpoint failed; doubled per failure of it
 * @param retryMax the longest wait between two attempts at one update
 * @param timeout how long one delivery may take before it counts as failed (and is retried)
 */
public record WebhookSenderSettings(boolean allowLocalPlainHttp, Duration retryInitial, Duration retryMax,
                                    Duration timeout) {

    /** Telegram's rules, retries from 1 s up to a minute, 60 s per request. */
    public static final WebhookSenderSettings DEFAULT =
            new WebhookSenderSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60));

    public WebhookSenderSettings {
        Objects.requireNonNull(retryInitial);
        Objects.requireNonNull(retryMax);
        Objects.requireNonNull(timeout);
        if (retryInitial.isNegative() || retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook retry " + retryInitial + ".." + retryMax + ", timeout " + timeout);
        }
    }

    /** The wait after the {@code failures}-th failure of one update (1 for the first). */
    Duration backoff(int failures) {
        Duration wait = retryInitial;
        for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
