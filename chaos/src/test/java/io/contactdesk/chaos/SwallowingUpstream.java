package io.contactdesk.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.contactdesk.contracts.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault the harness plants in front of the webhook instances ({@code -Dwebhook.plant=swallow-one}): one more upstream
 * behind nginx that answers the first genuine delivery 200 without forwarding it anywhere, then stops listening (nginx
 * passes every later request to the real instances). Telegram, told the update was taken, never sends it again: the
 * run must fail naming it lost. Requests without the secret are answered 401, as an instance would, so the forgery
 * checks are undisturbed.
 */
final class SwallowingUpstream implements AutoCloseable {

    private final HttpServer server;
    private final String secret;
    private final AtomicBoolean swallowed = new AtomicBoolean();
    private final AtomicLong swallowedUpdateId = new AtomicLong(-1);

    private SwallowingUpstream(HttpServer server, String secret) {
        this.server = server;
        this.secret = secret;
    }

    static SwallowingUpstream start(int port, String secret) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
            SwallowingUpstream upstream = new SwallowingUpstream(server, secret);
            server.createContext("/", upstream::handle);
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot plant swallow-one on port " + port, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!secret.equals(exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (!swallowed.compareAndSet(false, true)) {
                exchange.sendResponseHeaders(503, -1); // a request that raced the first: Telegram retries it
                return;
            }
            JsonNode update = Json.mapper().readTree(body);
            swallowedUpdateId.set(update.path("update_id").asLong());
            exchange.sendResponseHeaders(200, -1);
        }
        if (swallowed.get()) {
            // From now on, connections are refused: nginx moves every request to the next upstream.
            new Thread(() -> server.stop(0), "swallow-one-stop").start();
        }
    }

    /** The update answered 200 and dropped, or -1 while none was. */
    long swallowedUpdateId() {
        return swallowedUpdateId.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
