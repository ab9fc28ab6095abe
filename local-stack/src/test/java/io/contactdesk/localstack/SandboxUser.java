package io.contactdesk.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Telegram user typing into the sandbox through its control API, as a person would. */
final class SandboxUser {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String sandboxUrl;
    private final long userId;

    SandboxUser(String sandboxUrl, long userId) {
        this.sandboxUrl = sandboxUrl;
        this.userId = userId;
    }

    void sends(String text) {
        post("/sandbox/users/" + userId + "/messages", Map.of("text", text, "first_name", "Ada"));
    }

    /** The texts the bot has shown in this user's chat, oldest first (edited messages show their latest text). */
    List<String> chat() {
        JsonNode messages = get("/sandbox/chats/" + userId + "/messages");
        List<String> texts = new ArrayList<>();
        messages.forEach(message -> texts.add(message.path("text").asText()));
        return texts;
    }

    private void post(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandboxUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("sandbox answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new AssertionError("sandbox unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandboxUrl + path)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("sandbox unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
