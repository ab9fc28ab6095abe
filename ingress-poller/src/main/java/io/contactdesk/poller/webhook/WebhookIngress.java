package io.contactdesk.poller.webhook;

import io.contactdesk.contracts.ops.ThrottledWarning;
import io.contactdesk.poller.ingress.WebhookPublisher;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one webhook request becomes: 401 without the right secret, 400 (and a dead letter) for a body that is no update,
 * 503 while Kafka cannot take it, and 200 only once Kafka acknowledged the sealed update. Telegram retries anything but
 * a 2xx, so an update is confirmed exactly when it is safe, as the poller confirms by its next offset.
 */
final class WebhookIngress {

    /**
     * The largest body taken. Telegram documents no limit for what it posts; an update, even a 4,096-character message
     * quoting another, is some tens of KB. 1 MiB is also the Kafka producer's default {@code max.request.size}: a
     * larger body could not be published anyway.
     */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** Longer than the producer's own delivery timeout (10 s), which ends a send first; a guard, not a deadline. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(WebhookIngress.class);

    /** An answer to Telegram, and why, for the metrics. */
    enum WebhookAnswer {
        PUBLISHED(200), UNAUTHORIZED(401), TOO_LARGE(400), NOT_AN_UPDATE(400), KAFKA_UNAVAILABLE(503), STARTING(503);

        final int status;

        WebhookAnswer(int status) {
            this.status = status;
        }
    }

    private final byte[] secret;
    private final WebhookPublisher publisher;
    private final LongSupplier epoch;
    private final WebhookStatus status;
    private final MeterRegistry meters;
    private final Timer ackLatency;
    private final ThrottledWarning refused;

    /**
     * @param epoch the ingress epoch updates are published under, or -1 until it is known (read from Kafka at start)
     */
    WebhookIngress(String secret, WebhookPublisher publisher, LongSupplier epoch, WebhookStatus status, Clock clock,
            MeterRegistry meters) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.publisher = publisher;
        this.epoch = epoch;
        this.status = status;
        this.meters = meters;
        this.ackLatency = Timer.builder("contactdesk.ingress.webhook.kafka.ack")
                .description("From a webhook request's update handed to Kafka to Kafka's acknowledgement")
                .publishPercentileHistogram().register(meters);
        this.refused = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
    }

    /**
     * @param secretHeader {@code X-Telegram-Bot-Api-Secret-Token}, null when absent
     * @param body         the request body, or null when it was larger than {@link #MAX_BODY_BYTES}
     */
    WebhookAnswer accept(String secretHeader, byte[] body) {
        WebhookAnswer outcome = handle(secretHeader, body);
        Counter.builder("contactdesk.ingress.webhook.requests")
                .description("Webhook requests by outcome: published, or why they were refused")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters).increment();
        return outcome;
    }

    private WebhookAnswer handle(String secretHeader, byte[] body) {
        // Constant time, so that the answer's timing tells nothing about how much of a guess was right.
        if (secretHeader == null || !MessageDigest.isEqual(secret, secretHeader.getBytes(StandardCharsets.UTF_8))) {
            // Never the value: a near-miss of the real secret would be half a leak. Throttled: forgeries come in floods.
            refused.warn("webhook request refused (401): " + (secretHeader == null ? "no" : "wrong") + " secret token", null);
            return WebhookAnswer.UNAUTHORIZED;
        }
        long currentEpoch = epoch.getAsLong();
        if (currentEpoch < 0) {
            return WebhookAnswer.STARTING;
        }
        if (body == null) {
            return deadLetter(currentEpoch, new byte[0], "webhook body larger than " + MAX_BODY_BYTES + " bytes",
                    WebhookAnswer.TOO_LARGE);
        }
        ReceivedUpdate update;
        try {
            update = ReceivedUpdate.parse(body);
        } catch (IOException | RuntimeException e) {
            return deadLetter(currentEpoch, body, "webhook body is not an update: " + e.getClass().getSimpleName(),
                    WebhookAnswer.NOT_AN_UPDATE);
        }
        if (update.updateId() <= 0) {
            return deadLetter(currentEpoch, body, "webhook body has no update_id", WebhookAnswer.NOT_AN_UPDATE);
        }
        long started = System.nanoTime();
        try {
            publisher.publish(currentEpoch, update).get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ackLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            status.published(update.updateId());
            log.debug("webhook update {} of {} published", update.updateId(), update.key());
            return WebhookAnswer.PUBLISHED;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            status.kafkaFailed(cause.toString());
            log.warn("webhook update {}: Kafka did not take it, answering 503 so that Telegram retries: {}",
                    update.updateId(), cause.toString());
            return WebhookAnswer.KAFKA_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WebhookAnswer.KAFKA_UNAVAILABLE;
        }
    }

    /**
     * A body that is no update: answered 400 once its dead letter is in Kafka (503 if it cannot be written, so that
     * nothing is dropped unseen). Were it really Telegram's, Telegram would send it again and it would be set aside again.
     */
    private WebhookAnswer deadLetter(long currentEpoch, byte[] body, String reason, WebhookAnswer outcome) {
        try {
            publisher.deadLetter(currentEpoch, body, reason).get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            log.warn("webhook request dead-lettered to tg.updates.dlq: {}", reason);
            return outcome;
        } catch (ExecutionException | TimeoutException e) {
            status.kafkaFailed(e.toString());
            return WebhookAnswer.KAFKA_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return WebhookAnswer.KAFKA_UNAVAILABLE;
        }
    }
}
