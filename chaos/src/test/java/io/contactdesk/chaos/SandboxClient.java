package io.contactdesk.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sandbox's control API: users typing and tapping, and what the bot sent them. */
final class SandboxClient {

    record BotMessage(long messageId, String text, int edits) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    SandboxClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A message from the user; the update id the sandbox gave it. */
    long send(long userId, String text) {
        return post("/sandbox/users/" + userId + "/messages", Map.of("text", text, "first_name", "U" + userId))
                .path("update_id").asLong(-1);
    }

    /** A tap on an inline button of a message the bot sent; the update id the sandbox gave it. */
    long tap(long userId, long messageId, String data) {
        return post("/sandbox/users/" + userId + "/callbacks", Map.of("message_id", messageId, "data", data))
                .path("update_id").asLong(-1);
    }

    /** What the bot sent (and edited) in the chat with this user, oldest first; the user's own messages left out. */
    List<BotMessage> botMessages(long userId) {
        JsonNode messages = get("/sandbox/chats/" + userId + "/messages");
        List<BotMessage> sent = new ArrayList<>();
        for (JsonNode message : messages) {
            if ("user".equals(message.path("from").asText())) {
                continue;
            }
            sent.add(new BotMessage(message.path("message_id").asLong(), message.path("text").asText(""),
                    message.path("edits").asInt()));
        }
        return sent;
    }

    JsonNode stats() {
        return get("/sandbox/stats");
    }

    /** Messages sent plus messages edited by the bot so far: grows with every reply delivered. */
    long repliesDelivered() {
        JsonNode calls = stats().path("calls");
        return calls.path("sendMessage").asLong() + calls.path("editMessageText").asLong()
                + calls.path("answerCallbackQuery").asLong();
    }

    private JsonNode post(String path, Object body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("sandbox answered " + response.statusCode() + " to " + path + ": "
                        + response.body());
            }
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("sandbox unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                    .GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("sandbox unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
