package io.contactdesk.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Bot API sandbox over HTTP, as every module's tests drive it: its control API ({@code /sandbox/…}: users who
 * write, tap, pay and block; what the bot sent them; faults to plant) and its Bot API as a bot calls it.
 *
 * <p>The raw calls ({@link #bot}, {@link #post}, {@link #get}, …) return the {@link Answer} whatever its status, for
 * tests of the sandbox's own error rules. The named steps ({@link #userWrites}, {@link #messages}, …) expect 200 and
 * throw {@link IllegalStateException} naming the call otherwise: an exception, not an assertion, so that a load
 * generator that counts problems (chaos, bench) can catch it like any other failure of a step.
 */
public final class SandboxClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Long enough for a getUpdates long poll and a pay call that waits on the pre-checkout answer (10 s).
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    // One for all: tests make clients freely (one per simulated user, one per helper call), and each HttpClient holds
    // a selector thread and a connection pool.
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The sandbox's answer: the HTTP status and the JSON body. */
    public record Answer(int status, JsonNode body) {
        /** The Bot API envelope's {@code result}; null when the call failed. */
        public JsonNode result() {
            return body.get("result");
        }
    }

    /** A tap on an inline button: the update it made and the callback query the bot must answer. */
    public record Tap(long updateId, String callbackQueryId) {
    }

    private final String baseUrl;
    private final String token;

    /** A client of the control API only; the Bot API calls need {@link #SandboxClient(String, String)}. */
    public SandboxClient(String baseUrl) {
        this(baseUrl, null);
    }

    /** A client of the control API and of the Bot API as the bot with {@code token}. */
    public SandboxClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public String baseUrl() {
        return baseUrl;
    }

    // ---- raw calls: the answer whatever its status

    /** A Bot API call as the bot, JSON-encoded as the telegrambots client sends it. */
    public Answer bot(String method, Map<String, ?> params) {
        return botWithToken(botToken(), method, params);
    }

    public Answer botWithToken(String botToken, String method, Map<String, ?> params) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/bot" + botToken + "/" + method))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(params))));
    }

    /** A Bot API call with a form-encoded body, as curl users send it. */
    public Answer botForm(String method, String formBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/bot" + botToken() + "/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)));
    }

    /** A Bot API call as a GET with its parameters in the query string. */
    public Answer botGet(String methodAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/bot" + botToken() + "/" + methodAndQuery)).GET());
    }

    /** {@code POST /sandbox/<controlPath>} with a JSON body. */
    public Answer post(String controlPath, Object body) {
        return send(HttpRequest.newBuilder(controlUri(controlPath))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** A control call with whatever content type and headers a browser (or a hostile page in it) would send. */
    public Answer postAs(String controlPath, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(controlUri(controlPath))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** {@code GET /sandbox/<controlPath>}. */
    public Answer get(String controlPath) {
        return send(HttpRequest.newBuilder(controlUri(controlPath)).GET());
    }

    /** {@code DELETE /sandbox/<controlPath>}. */
    public Answer delete(String controlPath) {
        return send(HttpRequest.newBuilder(controlUri(controlPath)).DELETE());
    }

    // ---- the users' side (control API); each expects 200

    /** The user writes {@code text} in their private chat with the bot; returns the update id. */
    public long userWrites(long userId, String text) {
        return userSends(userId, Map.of("text", text)).path("update_id").asLong();
    }

    /** The user, whose Telegram profile shows {@code firstName}, writes {@code text}; returns the update id. */
    public long userWrites(long userId, String firstName, String text) {
        return userSends(userId, Map.of("text", text, "first_name", firstName)).path("update_id").asLong();
    }

    /**
     * The user sends a message with more than a text ({@code first_name}, {@code language_code}, a group
     * {@code chat}, …); returns the sandbox's answer: {@code update_id}, {@code message_id}, {@code chat_id}.
     */
    public JsonNode userSends(long userId, Map<String, ?> message) {
        return ok(post("users/" + userId + "/messages", message), "a message from user " + userId);
    }

    /** The user edits one of their own messages: the bot gets an {@code edited_message}. */
    public JsonNode userEdits(long userId, long messageId, String newText) {
        return ok(post("users/" + userId + "/messages/" + messageId + "/edit", Map.of("text", newText)),
                "an edit by user " + userId);
    }

    /** The user taps a button of the bot's message {@code messageId} with {@code data} as its callback data. */
    public Tap userTaps(long userId, long messageId, String data) {
        JsonNode answer = ok(post("users/" + userId + "/callbacks", Map.of("message_id", messageId, "data", data)),
                "a tap by user " + userId);
        return new Tap(answer.path("update_id").asLong(-1), answer.path("callback_query_id").asText());
    }

    /**
     * The user blocks the bot: sends to them answer 403 meanwhile, and the bot gets {@code my_chat_member}.
     *
     * @return the update id of that {@code my_chat_member}, or -1 when the user had blocked the bot already
     */
    public long userBlocksTheBot(long userId) {
        return ok(post("users/" + userId + "/block", Map.of()), "block by user " + userId).path("update_id").asLong(-1);
    }

    /** The user unblocks the bot; the update id of the {@code my_chat_member}, or -1 when nothing changed. */
    public long userUnblocksTheBot(long userId) {
        return ok(post("users/" + userId + "/unblock", Map.of()), "unblock by user " + userId)
                .path("update_id").asLong(-1);
    }

    /**
     * The user pays the bot's invoice (the {@code payment} holds {@code message_id}, optionally {@code charge_id},
     * {@code language_code}); the call waits for the bot's pre-checkout answer and returns the outcome
     * ({@code status} {@code paid} with {@code charge_id}, or refused with the bot's message).
     */
    public JsonNode userPays(long userId, Map<String, ?> payment) {
        return ok(post("users/" + userId + "/pay", payment), "a payment by user " + userId);
    }

    /** Many users' messages and taps in one call (items as {@code POST /sandbox/updates} takes them). */
    public List<Long> queueUpdates(Iterable<?> updates) {
        List<Long> ids = new ArrayList<>();
        ok(post("updates", Map.of("updates", updates)), "a batch of updates").path("update_ids")
                .forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    // ---- what the bot did (control API); each expects 200

    /** The bot's messages in a chat as the sandbox keeps them (text, markup, edits, sent_at, …), oldest first. */
    public List<JsonNode> messages(long chatId) {
        return list(ok(get("chats/" + chatId + "/messages"), "the messages of chat " + chatId));
    }

    /** Both sides of a chat, as the chat page shows it: {@code {"chat_id","blocked","messages":[…]}}. */
    public JsonNode history(long chatId) {
        return ok(get("chats/" + chatId + "/history"), "the history of chat " + chatId);
    }

    /** The bot's answers to taps in a chat ({@code callback_query_id}, {@code text}, {@code show_alert}). */
    public List<JsonNode> callbackAnswers(long chatId) {
        return list(ok(get("chats/" + chatId + "/callback-answers"), "the callback answers of chat " + chatId));
    }

    /** The counters: calls by method, 429s, 403s, updates pending and delivered, faults injected. */
    public JsonNode stats() {
        return ok(get("stats"), "the stats");
    }

    /** The calls the flood limits refused with 429 ({@code at}, {@code chat_id}, {@code limit}), oldest first. */
    public List<JsonNode> floodRefusals() {
        return list(ok(get("flood-refusals"), "the flood refusals"));
    }

    /** The requests that broke the Bot API's spec; a test of a well-behaved bot expects none. */
    public List<JsonNode> specViolations() {
        return list(ok(get("spec-violations"), "the spec violations"));
    }

    /** The reply log after sequence number {@code after}: {@code {"replies":[…]}}. */
    public JsonNode replies(long after) {
        return ok(get("replies?after=" + after), "the reply log");
    }

    /** Empties the reply log. */
    public void clearReplies() {
        ok(delete("replies"), "clearing the reply log");
    }

    // ---- Telegram misbehaving (control API)

    /** The next {@code count} calls of {@code method} answer {@code status}. */
    public void fault(String method, int status, int count) {
        plantFault(Map.of("method", method, "status", status, "count", count));
    }

    /** The next {@code count} calls of {@code method} answer {@code status} with {@code retry_after} seconds. */
    public void fault(String method, int status, int count, long retryAfterSeconds) {
        plantFault(Map.of("method", method, "status", status, "count", count, "retry_after", retryAfterSeconds));
    }

    private void plantFault(Map<String, Object> fault) {
        ok(post("faults", fault), "a fault");
    }

    /** The next {@code count} successful sendMessage calls are swallowed, duplicated or answered late. */
    public void recordFault(String effect, int count, long delayMillis) {
        ok(post("record-faults", Map.of("effect", effect, "count", count, "delay_ms", delayMillis)), "a record fault");
    }

    /**
     * Telegram's update ids restart, as after a quiet week: the next update gets {@code firstId}, pending updates
     * are dropped. Returns {@code {"first_id","discarded"}}.
     */
    public JsonNode restartUpdateIds(long firstId) {
        return ok(post("update-ids/restart", Map.of("first_id", firstId)), "restarting the update ids");
    }

    // ---- the bot's side (Bot API); each expects 200

    /** {@code sendMessage} to {@code chatId} with {@code params} besides; returns the sent message. */
    public JsonNode sendMessage(long chatId, Map<String, ?> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("chat_id", chatId);
        return ok(bot("sendMessage", all), "sendMessage").path("result");
    }

    /** A message the bot sends itself (as the processor's status message of a broadcast); returns its id. */
    public long botSends(long chatId, String text) {
        return sendMessage(chatId, Map.of("text", text)).path("message_id").asLong();
    }

    /** {@code getWebhookInfo}'s result. */
    public JsonNode webhookInfo() {
        return ok(bot("getWebhookInfo", Map.of()), "getWebhookInfo").path("result");
    }

    /** {@code setWebhook} to {@code url}, as a second deployment or a hand-made call would. */
    public void setWebhook(String url) {
        ok(bot("setWebhook", Map.of("url", url)), "setWebhook");
    }

    // ----

    private String botToken() {
        if (token == null) {
            throw new IllegalStateException("a Bot API call needs the bot's token: new SandboxClient(baseUrl, token)");
        }
        return token;
    }

    private URI controlUri(String controlPath) {
        return URI.create(baseUrl + "/sandbox/" + controlPath);
    }

    private static JsonNode ok(Answer answer, String what) {
        if (answer.status() != 200) {
            throw new IllegalStateException("the sandbox answered " + answer.status() + " to " + what + ": "
                    + answer.body());
        }
        return answer.body();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), read(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox at " + baseUrl + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON; a body that is not JSON (a proxy's error page, say) as one text node, to show in a failure. */
    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(body);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
