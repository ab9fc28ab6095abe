package io.contactdesk.poller.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;

/**
 * Serves {@code POST} on the webhook URL's path at {@code WEBHOOK_PORT}, apart from the Actuator port: the reverse
 * proxy publishes this port alone. A plain JDK server, because each request is one small body in, one status out; the
 * telegrambots webhook module neither checks the secret nor waits for Kafka (FIELD-NOTES).
 */
final class WebhookServer implements SmartLifecycle {

    /** Each thread waits on Kafka's acknowledgement; Telegram opens at most 100 connections (max_connections) per bot. */
    private static final int THREADS = 100;

    private final int port;
    private final String path;
    private final WebhookIngress ingress;
    private HttpServer server;
    private ExecutorService executor;

    WebhookServer(int port, String path, WebhookIngress ingress) {
        this.port = port;
        this.path = path;
        this.ingress = ingress;
    }

    @Override
    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for webhook requests on WEBHOOK_PORT " + port, e);
        }
        AtomicInteger count = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "webhook-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getRawPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().add("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String secret = exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token");
            WebhookIngress.WebhookAnswer outcome = ingress.accept(secret, readBounded(exchange.getRequestBody()));
            exchange.sendResponseHeaders(outcome.status, -1);
        }
    }

    /** The body, or null when it is larger than {@link WebhookIngress#MAX_BODY_BYTES} (read no further than that). */
    private static byte[] readBounded(InputStream body) throws IOException {
        byte[] read = body.readNBytes(WebhookIngress.MAX_BODY_BYTES + 1);
        return read.length > WebhookIngress.MAX_BODY_BYTES ? null : read;
    }

    /** The port actually bound: {@code WEBHOOK_PORT}, or the one picked for 0. */
    synchronized int port() {
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            // Requests in flight get a moment to hear from Kafka; Telegram retries whatever is cut off.
            server.stop(2);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }
}
