package io.contactdesk.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Real HTTP calls against a started sandbox, the way bots and tests use it. */
final class SandboxClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TelegramSandbox sandbox;

    SandboxClient(TelegramSandbox sandbox) {
        this.sandbox = sandbox;
    }

    record Answer(int status, JsonNode body) {
        JsonNode result() {
            return body.get("result");
        }
    }

    Answer bot(String method, Map<String, ?> params) {
        return botWithToken(sandbox.token(), method, params);
    }

    Answer botWithToken(String token, String method, Map<String, ?> params) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/bot" + token + "/" + method))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(params))));
    }

    Answer botForm(String method, String formBody) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/bot" + sandbox.token() + "/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)));
    }

    Answer botGet(String methodAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/bot" + sandbox.token() + "/" + methodAndQuery))
                .GET());
    }

    Answer post(String controlPath, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/" + controlPath))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    /** A control call with whatever content type and headers a browser (or a hostile page in it) would send. */
    Answer postAs(String controlPath, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/" + controlPath))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    String baseUrl() {
        return sandbox.baseUrl();
    }

    Answer get(String controlPath) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/" + controlPath)).GET());
    }

    Answer delete(String controlPath) {
        return send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/" + controlPath)).DELETE());
    }

    // ---- shortcuts for the common set-up steps ----

    /** The user writes to the bot, which makes the chat known; returns the update id. */
    long userWrites(long userId, String text) {
        Answer answer = post("users/" + userId + "/messages", Map.of("text", text));
        if (answer.status() != 200) {
            throw new AssertionError("user message refused: " + answer);
        }
        return answer.body().get("update_id").asLong();
    }

    JsonNode sendMessage(long chatId, Map<String, ?> extra) {
        Map<String, Object> params = new HashMap<>(extra);
        params.put("chat_id", chatId);
        Answer answer = bot("sendMessage", params);
        if (answer.status() != 200) {
            throw new AssertionError("sendMessage refused: " + answer);
        }
        return answer.result();
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
