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

    record BotMessage(long messageId, String text, int edits, java.time.Instant sentAt) {
        ReplyMatcher.Seen seen() {
            ReplyKind kind = ReplyKind.of(text, edits);
            return new ReplyMatcher.Seen(messageId, kind, ReplyKind.lane(kind, text), sentAt);
        }
    }

    /** A tap: its update id and the callback query the bot must answer. */
    record Tapped(long updateId, String callbackQueryId) {
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

    /** A tap on an inline button of a message the bot sent. */
    Tapped tap(long userId, long messageId, String data) {
        JsonNode answer = post("/sandbox/users/" + userId + "/callbacks", Map.of("message_id", messageId, "data", data));
        return new Tapped(answer.path("update_id").asLong(-1), answer.path("callback_query_id").asText());
    }

    /** The callback queries the bot answered in this chat. */
    java.util.Set<String> answeredCallbacks(long chatId) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        get("/sandbox/chats/" + chatId + "/callback-answers").forEach(a -> ids.add(a.path("callback_query_id").asText()));
        return ids;
    }

    /**
     * The user blocks (or unblocks) the bot: sends answer 403 meanwhile, and the bot gets my_chat_member.
     *
     * @return the update id of that my_chat_member, or -1 when the state did not change (no update)
     */
    long block(long userId, boolean blocked) {
        return post("/sandbox/users/" + userId + (blocked ? "/block" : "/unblock"), Map.of()).path("update_id").asLong(-1);
    }

    /** The next {@code count} calls of {@code method} answer {@code status} (with retry_after when not null). */
    void fault(String method, int status, int count, Long retryAfter) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("method", method, "status", status, "count", count));
        if (retryAfter != null) {
            body.put("retry_after", retryAfter);
        }
        post("/sandbox/faults", body);
    }

    /** The next {@code count} successful sendMessage calls are swallowed, duplicated or answered late. */
    void recordFault(String effect, int count, long delayMillis) {
        post("/sandbox/record-faults", Map.of("effect", effect, "count", count, "delay_ms", delayMillis));
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
                    message.path("edits").asInt(), java.time.Instant.parse(message.path("sent_at").asText())));
        }
        return sent;
    }

    JsonNode stats() {
        return get("/sandbox/stats");
    }

    /** The calls the sandbox's flood limits refused with 429, oldest first (injected 429s are not among them). */
    List<FloodRefusals.Refusal> floodRefusals() {
        List<FloodRefusals.Refusal> refusals = new ArrayList<>();
        for (JsonNode refusal : get("/sandbox/flood-refusals")) {
            refusals.add(new FloodRefusals.Refusal(java.time.Instant.parse(refusal.path("at").asText()),
                    refusal.path("chat_id").asLong(), refusal.path("limit").asText()));
        }
        return refusals;
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
