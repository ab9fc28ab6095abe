package io.contactdesk.sandbox.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.browser.DevTools.DevToolsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One browser tab. Tests drive it through the DOM with {@link #evaluate}, wait with {@link #waitFor}
 * (never with sleeps) and keep evidence with {@link #screenshot}.
 */
public final class BrowserTab implements AutoCloseable {

    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    private final DevTools devTools;
    private final String targetId;
    private final String sessionId;
    private final List<String> consoleErrors = new ArrayList<>();
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

    BrowserTab(DevTools devTools, String targetId, String sessionId, int width, int height) {
        this.devTools = devTools;
        this.targetId = targetId;
        this.sessionId = sessionId;
        devTools.onEvent(this::onEvent);
        call("Page.enable", null);
        call("Runtime.enable", null);
        call("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** Opens the URL and returns once its load event has fired. */
    public void navigate(String url) {
        CompletableFuture<Void> load = new CompletableFuture<>();
        loaded = load;
        JsonNode answer = call("Page.navigate", params().put("url", url));
        if (answer.hasNonNull("errorText")) {
            throw new DevToolsException("cannot open " + url + ": " + answer.get("errorText").asText());
        }
        try {
            load.get(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new DevToolsException(url + " did not finish loading within " + LOAD_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevToolsException("interrupted while loading " + url);
        }
    }

    /**
     * Runs a JavaScript expression in the page (a promise is awaited) and returns its value as JSON:
     * {@code NullNode} for null or undefined.
     *
     * @throws DevToolsException when the script throws; the message carries the page's error
     */
    public JsonNode evaluate(String expression) {
        JsonNode answer = call("Runtime.evaluate", params().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (answer.has("exceptionDetails")) {
            JsonNode details = answer.get("exceptionDetails");
            String description = details.path("exception").path("description").asText(details.path("text").asText());
            throw new DevToolsException("script failed: " + description + "\n  in: " + expression);
        }
        JsonNode value = answer.path("result").get("value");
        return value == null ? NullNode.getInstance() : value;
    }

    /**
     * Waits until the JavaScript condition is truthy. A condition that throws counts as false
     * (the element may not exist yet).
     *
     * @throws AssertionError on timeout, with the last script error and the page's console errors
     */
    public void waitFor(String condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = null;
        while (true) {
            try {
                if (evaluate("!!(" + condition + ")").asBoolean()) {
                    return;
                }
                lastError = null;
            } catch (DevToolsException e) {
                lastError = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + timeout + ": " + condition
                        + (lastError == null ? "" : "\n  last error: " + lastError)
                        + "\n  console errors: " + consoleErrors());
            }
            pause();
        }
    }

    /** Saves what the viewport shows as a PNG, creating the directories; returns the file. */
    public Path screenshot(Path file) {
        JsonNode answer = call("Page.captureScreenshot", params().put("format", "png"));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.write(file, Base64.getDecoder().decode(answer.get("data").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + file, e);
        }
    }

    /** A raw DevTools command in this tab's session, for what the methods above do not cover. */
    public JsonNode call(String method, ObjectNode params) {
        return devTools.call(sessionId, method, params);
    }

    /** Uncaught exceptions and console.error lines the page produced so far. */
    public synchronized List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    @Override
    public void close() {
        try {
            devTools.call(null, "Target.closeTarget", params().put("targetId", targetId));
        } catch (DevToolsException e) {
            // the browser is going away anyway
        }
    }

    private void onEvent(JsonNode event) {
        if (!sessionId.equals(event.path("sessionId").asText())) {
            return;
        }
        JsonNode params = event.path("params");
        switch (event.path("method").asText()) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> addConsoleError(params.path("exceptionDetails").path("exception")
                    .path("description").asText(params.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                if (params.path("type").asText().equals("error")) {
                    addConsoleError(params.path("args").toString());
                }
            }
            default -> {
            }
        }
    }

    private synchronized void addConsoleError(String text) {
        consoleErrors.add(text);
    }

    private static ObjectNode params() {
        return DevTools.JSON.createObjectNode();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevToolsException("interrupted while waiting");
        }
    }
}
