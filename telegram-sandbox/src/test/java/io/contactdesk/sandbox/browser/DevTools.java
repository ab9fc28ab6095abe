package io.contactdesk.sandbox.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Chrome DevTools Protocol connection to the browser, with flattened sessions: a command names
 * the page session it is for, and events carry the session they come from.
 */
public final class DevTools implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> eventListeners = new CopyOnWriteArrayList<>();
    private final WebSocket socket;

    private DevTools(URI browserEndpoint) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(browserEndpoint, new Receiver())
                .join();
    }

    static DevTools connect(URI browserEndpoint) {
        return new DevTools(browserEndpoint);
    }

    /**
     * Sends one command and waits for its result.
     *
     * @param sessionId the page session, or null for the browser itself
     * @throws DevToolsException when the browser answers with an error, or does not answer in time
     */
    public JsonNode call(String sessionId, String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            command.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            send(JSON.writeValueAsString(command));
            return answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof DevToolsException cause
                    ? new DevToolsException(method + ": " + cause.getMessage())
                    : new DevToolsException(method + " failed: " + e.getCause());
        } catch (TimeoutException e) {
            throw new DevToolsException(method + ": no answer from the browser within " + CALL_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevToolsException(method + ": interrupted");
        } finally {
            pending.remove(id);
        }
    }

    /** Every event ({@code method}, {@code params}, {@code sessionId}), on the socket's thread: keep it short. */
    public void onEvent(Consumer<JsonNode> listener) {
        eventListeners.add(listener);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
        }
        socket.abort();
    }

    // WebSocket allows one outstanding send at a time.
    private synchronized void send(String text) {
        socket.sendText(text, true).join();
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return; // not CDP; nothing waits for it
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
            if (answer != null) {
                if (message.has("error")) {
                    answer.completeExceptionally(new DevToolsException(message.get("error").toString()));
                } else {
                    answer.complete(message.path("result"));
                }
            }
        } else {
            eventListeners.forEach(listener -> listener.accept(message));
        }
    }

    private void failAll(String reason) {
        pending.values().forEach(answer -> answer.completeExceptionally(new DevToolsException(reason)));
    }

    private final class Receiver implements WebSocket.Listener {

        // A large answer (a screenshot) arrives in several parts.
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failAll("the browser closed the DevTools connection (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failAll("the DevTools connection failed: " + error);
        }
    }

    /** The browser refused a command, or the connection is gone. */
    public static final class DevToolsException extends RuntimeException {
        public DevToolsException(String message) {
            super(message);
        }
    }
}
