package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.retry.ExponentialBackoff;
import io.contactdesk.notifier.telegram.BotApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to call again after a failed Bot API call, and when to stop: 5xx and no answer back off
 * exponentially for at most {@code maxAttempts} calls; 429 waits exactly {@code retry_after}; nothing waits
 * past {@code deliveryTimeout}, which keeps the consumer inside {@code max.poll.interval.ms}.
 */
final class RetryPolicy {

    /** The next step for one record. */
    record RetryStep(Step step, Duration delay, String reason) {

        enum Step { DELIVERED, RETRY, GIVE_UP }

        static RetryStep delivered() {
            return new RetryStep(Step.DELIVERED, Duration.ZERO, null);
        }

        static RetryStep retryAfter(Duration delay, String reason) {
            return new RetryStep(Step.RETRY, delay, reason);
        }

        static RetryStep giveUp(String reason) {
            return new RetryStep(Step.GIVE_UP, Duration.ZERO, reason);
        }
    }

    private final DeliverySettings settings;
    private final ExponentialBackoff backoff;
    private final Clock clock;
    private final DoubleSupplier random;

    RetryPolicy(DeliverySettings settings, Clock clock, DoubleSupplier random) {
        this.settings = settings;
        this.backoff = new ExponentialBackoff(settings.initialBackoff(), settings.maxBackoff());
        this.clock = clock;
        this.random = random;
    }

    /** The retry state of one record, started before its first call. */
    Retries start() {
        return new Retries(clock.instant());
    }

    final class Retries {

        private final Instant started;
        private int calls = 1;
        private int transientFailures;

        private Retries(Instant started) {
            this.started = started;
        }

        /** Calls made so far for this record. */
        int calls() {
            return calls;
        }

        RetryStep after(BotApiException failure) {
            FailureKind kind = FailureKind.of(failure);
            String what = failure.getMessage();
            Duration wait;
            switch (kind) {
                case DELIVERED:
                    return RetryStep.delivered();
                case PERMANENT:
                    return RetryStep.giveUp(what);
                case FLOOD_WAIT:
                    // Flood waits are Telegram pacing us, not the call failing: they do not use up attempts.
                    wait = failure.retryAfter().orElseGet(() -> backoff.delay(transientFailures + 1, random.getAsDouble()));
                    break;
                case TRANSIENT:
                default:
                    transientFailures++;
                    if (transientFailures >= settings.maxAttempts()) {
                        return RetryStep.giveUp("gave up after " + calls + " calls: " + what);
                    }
                    wait = backoff.delay(transientFailures, random.getAsDouble());
                    break;
            }
            Duration elapsed = Duration.between(started, clock.instant());
            if (elapsed.plus(wait).compareTo(settings.deliveryTimeout()) > 0) {
                return RetryStep.giveUp("gave up after " + calls + " calls in " + elapsed.toSeconds()
                        + " s: waiting " + wait.toMillis() + " ms more would pass the delivery timeout of "
                        + settings.deliveryTimeout().toSeconds() + " s: " + what);
            }
            calls++;
            return RetryStep.retryAfter(wait, what);
        }
    }
}
