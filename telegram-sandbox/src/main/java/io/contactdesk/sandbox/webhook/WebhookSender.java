package io.contactdesk.sandbox.webhook;

import io.contactdesk.sandbox.updates.PendingUpdate;
import io.contactdesk.sandbox.updates.UpdateQueue;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Telegram's side of a webhook: {@code max_connections} connections, each taking the next pending update, POSTing it
 * as JSON to the URL with the secret header, and confirming it on a 2xx answer. Any other answer, a refused connection
 * or a timeout leaves the update pending and retries it after a backoff that doubles per failure of that update;
 * the last failure is what {@code getWebhookInfo} reports. Updates nobody took expire after 24 h in the queue.
 */
public final class WebhookSender implements AutoCloseable {

    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final long CLAIM_WAIT_MILLIS = 200;

    private final UpdateQueue queue;
    private final WebhookSenderSettings settings;
    private final Clock clock;
    private final HttpClient http;
    private final Map<Long, Integer> failures = new ConcurrentHashMap<>();
    private final List<Thread> connections = new ArrayList<>();
    private volatile WebhookRegistration registration;
    private volatile Instant lastErrorDate;
    private volatile String lastErrorMessage;

    public WebhookSender(UpdateQueue queue, WebhookSenderSettings settings, Clock clock) {
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
        // HTTP/1.1: Telegram's sender speaks it, and the plain-http h2c upgrade would only confuse proxies.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout()).build();
    }

    public WebhookSenderSettings settings() {
        return settings;
    }

    /** Replaces the webhook (and its connections); a new webhook starts without a last error, as Telegram's does. */
    public synchronized void register(WebhookRegistration webhook) {
        stopConnections();
        registration = webhook;
        lastErrorDate = null;
        lastErrorMessage = null;
        for (int i = 0; i < webhook.maxConnections(); i++) {
            Thread connection = new Thread(() -> deliver(webhook), "telegram-sandbox-webhook-" + (i + 1));
            connection.setDaemon(true);
            connections.add(connection);
            connection.start();
        }
    }

    public synchronized void unregister() {
        stopConnections();
        registration = null;
        lastErrorDate = null;
        lastErrorMessage = null;
    }

    public Optional<WebhookRegistration> registration() {
        return Optional.ofNullable(registration);
    }

    public Optional<Instant> lastErrorDate() {
        return Optional.ofNullable(lastErrorDate);
    }

    public Optional<String> lastErrorMessage() {
        return Optional.ofNullable(lastErrorMessage);
    }

    @Override
    public synchronized void close() {
        stopConnections();
        registration = null;
    }

    private void stopConnections() {
        connections.forEach(Thread::interrupt);
        for (Thread connection : connections) {
            try {
                connection.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        connections.clear();
    }

    private void deliver(WebhookRegistration webhook) {
        while (registration == webhook && !Thread.currentThread().isInterrupted()) {
            PendingUpdate update;
            try {
                update = queue.claim(webhook.allowedUpdates(), CLAIM_WAIT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (update != null) {
                post(webhook, update);
            }
        }
    }

    private void post(WebhookRegistration webhook, PendingUpdate update) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update.json().toString()));
        if (webhook.secretToken() != null) {
            request.header(SECRET_HEADER, webhook.secretToken());
        }
        String error;
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                failures.remove(update.updateId());
                queue.delivered(update.updateId());
                return;
            }
            error = "Wrong response from the webhook: " + response.statusCode() + reasonPhrase(response.statusCode());
        } catch (HttpTimeoutException e) {
            error = "Read timeout expired";
        } catch (ConnectException e) {
            error = "Connection refused";
        } catch (IOException e) {
            error = "Connection reset by peer";
        } catch (InterruptedException e) {
            // The webhook was replaced or removed mid-request: the update stays pending for whoever comes next.
            Thread.currentThread().interrupt();
            queue.retryLater(update.updateId(), clock.instant());
            return;
        }
        if (registration == webhook) {
            lastErrorDate = clock.instant();
            lastErrorMessage = error;
        }
        int failed = failures.merge(update.updateId(), 1, Integer::sum);
        queue.retryLater(update.updateId(), clock.instant().plus(settings.backoff(failed)));
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }
}
