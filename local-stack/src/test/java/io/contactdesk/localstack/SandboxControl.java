package io.contactdesk.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The sandbox's control API over HTTP, as the tests of the running stack call it; a non-200 answer fails the test. */
final class SandboxControl {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String sandboxUrl;

    SandboxControl(String sandboxUrl) {
        this.sandboxUrl = sandboxUrl;
    }

    JsonNode post(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(sandboxUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sandboxUrl + path)).GET().build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("sandbox answered " + response.statusCode() + " to " + request.uri().getPath()
                        + ": " + response.body());
            }
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("sandbox unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
