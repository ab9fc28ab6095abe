package io.contactdesk.poller.webhook;

import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.retry.ExponentialBackoff;
import io.contactdesk.poller.ingress.IngressOffsets;
import io.contactdesk.poller.telegram.BotApiUpdateSource;
import io.contactdesk.poller.telegram.UpdateSource.UpdateSourceException;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;

/**
 * Start-up and watch of webhook mode, on one background thread: reads the ingress epoch from Kafka, registers the
 * webhook with Telegram, then compares {@code getWebhookInfo} with it every {@code check-interval}.
 *
 * <p>Every instance registers at start, with the same URL, secret, {@code allowed_updates} and
 * {@code max_connections}: {@code setWebhook} with the same arguments changes nothing, so it does not matter which
 * instance is first, and no lease is needed. Pending updates are kept: whatever a poller had not yet confirmed is
 * delivered to the webhook instead.
 *
 * <p>The watch raises an admin alert (an ERROR line, which the alerting appender sends to {@code ops.alerts}) when the
 * webhook is not this URL (someone set another, or a poller deleted it) and when {@code pending_update_count} grew
 * at three checks in a row (Telegram cannot deliver: proxy down, certificate, every instance answering 503). Once per
 * episode: again only after it was healthy in between.
 */
final class WebhookRegistrar implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookRegistrar.class);
    private static final int GROWING_CHECKS = 3;

    private final WebhookSettings settings;
    private final BotApiUpdateSource telegram;
    private final IngressOffsets offsets;
    private final long botId;
    private final WebhookStatus status;
    private final ExponentialBackoff.Steps backoff;
    private volatile boolean running;
    private Thread thread;
    private boolean mismatchReported;
    private boolean backlogReported;
    private int lastPending = -1;
    private int growingChecks;

    WebhookRegistrar(WebhookSettings settings, BotApiUpdateSource telegram, IngressOffsets offsets, long botId,
            WebhookStatus status, ExponentialBackoff.Steps backoff) {
        this.settings = settings;
        this.telegram = telegram;
        this.offsets = offsets;
        this.botId = botId;
        this.status = status;
        this.backoff = backoff;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "webhook-registrar");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            telegram.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try {
            readEpoch();
            register();
            while (running) {
                pause(settings.checkInterval());
                check();
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    /**
     * Updates are published under the epoch the poller last wrote: webhook instances see ids out of order and
     * concurrently, so they cannot tell Telegram restarting its ids from an old update retried, and keep the epoch
     * as it is (docs/architecture.md, "Webhook mode").
     */
    private void readEpoch() throws InterruptedException {
        while (running) {
            try {
                long epoch = offsets.lastPublished(botId).map(UpdateRef::epoch).orElse(0L);
                status.epochRead(epoch);
                log.info("webhook ingress publishes under ingress epoch {}", epoch);
                backoff.reset();
                return;
            } catch (KafkaException | IllegalStateException e) {
                status.kafkaFailed(e.toString());
                log.warn("cannot read the ingress epoch from Kafka yet: {}", e.toString());
                pause(backoff.next());
            }
        }
    }

    private void register() throws InterruptedException {
        while (running) {
            try {
                telegram.setWebhook(settings.url(), settings.secret(), settings.maxConnections());
                log.info("webhook registered: {} (max_connections {}, allowed_updates {})", settings.url(),
                        settings.maxConnections(), BotApiUpdateSource.ALLOWED_UPDATES);
                backoff.reset();
                check();
                return;
            } catch (UpdateSourceException e) {
                status.telegramFailed(e.getMessage());
                log.warn("{}; retrying", e.getMessage());
                pause(backoff.next());
            }
        }
    }

    void check() {
        WebhookInfo info;
        try {
            info = telegram.webhookInfo();
        } catch (UpdateSourceException e) {
            status.telegramFailed(e.getMessage());
            log.warn("{}", e.getMessage());
            return;
        }
        int pending = info.getPendingUpdatesCount() == null ? 0 : info.getPendingUpdatesCount();
        status.checked(info.getUrl(), pending, info.getLastErrorDate(), info.getLastErrorMessage(),
                info.getMaxConnections());
        if (!status.registeredHere()) {
            if (!mismatchReported) {
                log.error("Telegram's webhook is '{}', not {}: updates do not reach this ingress (a poller deleted it,"
                        + " or another URL was set); restart an ingress instance to register it again",
                        info.getUrl(), settings.url());
                mismatchReported = true;
            }
        } else {
            mismatchReported = false;
        }
        growingChecks = lastPending >= 0 && pending > lastPending ? growingChecks + 1 : 0;
        lastPending = pending;
        if (growingChecks >= GROWING_CHECKS && !backlogReported) {
            log.error("Telegram's pending_update_count grew at {} checks in a row, now {}: webhook deliveries are "
                    + "failing (last error: {})", GROWING_CHECKS, pending,
                    Objects.requireNonNullElse(info.getLastErrorMessage(), "none"));
            backlogReported = true;
        } else if (growingChecks == 0) {
            backlogReported = false;
        }
    }

    private void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
