package io.contactdesk.notifier.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The Bot API sandbox as the integration tests drive it: users who write, block, and what the bot sent them. */
public final class Sandbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String token;
    private long nextUpdateId;

    public Sandbox(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A user who wrote to the bot, so that the bot may write to them. */
    public void userWrites(long userId) {
        call("POST", "/sandbox/users/" + userId + "/messages", "{\"text\":\"hi\"}");
    }

    public void block(long userId) {
        call("POST", "/sandbox/users/" + userId + "/block", "{}");
    }

    /** What the bot sent (and edited) in a chat, in order. */
    public List<JsonNode> messages(long chatId) {
        List<JsonNode> messages = new ArrayList<>();
        read(call("GET", "/sandbox/chats/" + chatId + "/messages", null)).forEach(messages::add);
        return messages;
    }

    /** Every call the flood limits refused, with the limit that refused it ({@code GET /sandbox/flood-refusals}). */
    public List<JsonNode> floodRefusals() {
        List<JsonNode> refusals = new ArrayList<>();
        read(call("GET", "/sandbox/flood-refusals", null)).forEach(refusals::add);
        return refusals;
    }

    public JsonNode stats() {
        return read(call("GET", "/sandbox/stats", null));
    }

    /** A message the bot sends itself, as the processor's status message of a broadcast; returns its id. */
    public long botSends(long chatId, String text) {
        JsonNode answer = read(call("POST", "/bot" + token + "/sendMessage",
                "{\"chat_id\":" + chatId + ",\"text\":" + JSON.valueToTree(text) + "}"));
        return answer.path("result").path("message_id").asLong();
    }

    /**
     * A user pays {@code stars} for an invoice the bot sends them: the sandbox's pre-checkout query is answered ok
     * here, as the processor would. Returns the charge id. The user must have written to the bot.
     */
    public String userPays(long userId, int stars, String payload) {
        JsonNode invoice = read(call("POST", "/bot" + token + "/sendInvoice", "{\"chat_id\":" + userId
                + ",\"title\":\"credits\",\"description\":\"credits\",\"payload\":" + JSON.valueToTree(payload)
                + ",\"provider_token\":\"\",\"currency\":\"XTR\",\"prices\":[{\"label\":\"credits\",\"amount\":"
                + stars + "}]}"));
        long messageId = invoice.path("result").path("message_id").asLong();
        CompletableFuture<String> paying = CompletableFuture.supplyAsync(() -> call("POST",
                "/sandbox/users/" + userId + "/pay", "{\"message_id\":" + messageId + "}"));
        for (JsonNode update : read(call("POST", "/bot" + token + "/getUpdates",
                "{\"offset\":" + nextUpdateId + ",\"timeout\":5,\"allowed_updates\":[\"pre_checkout_query\"]}"))
                .path("result")) {
            nextUpdateId = update.path("update_id").asLong() + 1;
            if (update.has("pre_checkout_query")) {
                call("POST", "/bot" + token + "/answerPreCheckoutQuery", "{\"pre_checkout_query_id\":"
                        + JSON.valueToTree(update.path("pre_checkout_query").path("id").asText()) + ",\"ok\":true}");
            }
        }
        JsonNode paid = read(paying.join());
        assertThat(paid.path("status").asText()).as(paid.toString()).isEqualTo("paid");
        return paid.path("charge_id").asText();
    }

    /** The bot refunds a payment ({@code refundStarPayment}). */
    public void refund(long userId, String chargeId) {
        call("POST", "/bot" + token + "/refundStarPayment",
                "{\"user_id\":" + userId + ",\"telegram_payment_charge_id\":" + JSON.valueToTree(chargeId) + "}");
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
