package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.infra.FreePort;
import io.contactdesk.testsupport.SandboxClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack with its ingress in webhook mode, chosen as a newcomer chooses it ({@code TELEGRAM_WEBHOOK_URL} in
 * the environment): the sandbox posts every update to the ingress, the walking skeleton holds, and the ops console
 * shows the mode and what {@code getWebhookInfo} says.
 */
class WebhookModeIT extends WalkingSkeletonScenario {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PIPELINE = Duration.ofSeconds(60);

    @TempDir
    static Path dataDir;

    private static String webhookUrl;
    private static LocalStack stack;
    private static StacksOpsConsole console;

    @BeforeAll
    static void startStackInWebhookMode() throws IOException {
        webhookUrl = "http://localhost:" + FreePort.any() + "/telegram/webhook";
        stack = new LocalStack(LocalStackSettings.fromEnvironment(Map.of(
                "SANDBOX_PORT", "0", "KAFKA_PORT", "0", "POSTGRES_PORT", "0", "SERVICES_FIRST_PORT", "0",
                "LOCAL_STACK_DATA_DIR", dataDir.toString(),
                "TELEGRAM_WEBHOOK_URL", webhookUrl))).start();
        console = StacksOpsConsole.of(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    LocalStack stack() {
        return stack;
    }

    @Test
    void theSandboxDeliversEveryUpdateToTheIngressWebhook() {
        SandboxClient sandbox = new SandboxClient(stack.telegramApiUrl(), stack.telegramToken());
        SandboxUser user = new SandboxUser(stack.telegramApiUrl(), 77);

        // when a user writes while the webhook is registered
        await().atMost(PIPELINE).until(() -> webhookUrl.equals(sandbox.webhookInfo().path("url").asText()));
        user.sends("/balance");

        // then the reply comes, and Telegram's queue is empty: the update went out through the webhook
        await().atMost(PIPELINE).until(() -> !user.chat().isEmpty());
        await().atMost(PIPELINE).until(() -> sandbox.webhookInfo().path("pending_update_count").asInt(-1) == 0);
        assertThat(sandbox.webhookInfo().path("url").asText()).isEqualTo(webhookUrl);
    }

    @Test
    void theOpsConsoleShowsTheIngressModeAndGetWebhookInfo() {
        await().atMost(PIPELINE).untilAsserted(() -> {
            JsonNode ingress = null;
            for (JsonNode instance : Json.mapper().readTree(consoleGet("/api/instances")).path("instances")) {
                if (instance.path("service").asText().equals("ingress-poller") && instance.path("live").asBoolean()) {
                    ingress = instance;
                }
            }
            assertThat(ingress).as("a live ingress-poller in the console").isNotNull();
            JsonNode facts = ingress.path("facts");
            assertThat(facts.path("ingress").asText()).isEqualTo("webhook");
            assertThat(facts.path("webhook.url").asText()).isEqualTo(webhookUrl);
            assertThat(facts.path("webhook.pending_update_count").isTextual()).isTrue();
            assertThat(facts.path("webhook.max_connections").asText()).isEqualTo("40");
        });
    }

    private static String consoleGet(String path) throws Exception {
        String base = "http://localhost:" + console.port();
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "password=" + URLEncoder.encode(console.password(), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

}
