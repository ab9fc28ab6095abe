package io.contactdesk.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Webhook mode against a real broker and the sandbox as Telegram's webhook sender. */
class WebhookIngressIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PollerTestStack stack;

    @BeforeAll
    static void startBrokerAndSandbox() {
        stack = PollerTestStack.start();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void webhookInstanceRegistersItselfAndPublishesEachUpdateSealedAndKeyedBySender() throws Exception {
        int port = FreePort.any();
        try (KafkaConsumer<String, String> updates = stack.consumer();
             KafkaConsumer<String, String> raw = stack.rawConsumer();
             ConfigurableApplicationContext webhook = stack.startWebhook(port)) {
            updates.subscribe(List.of(Topics.UPDATES.name()));
            raw.subscribe(List.of(Topics.UPDATES.name()));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> PollerTestStack.webhookUrl(port).equals(stack.sandbox().webhookInfo().path("url").asText()));

            long first = stack.sandbox().userWrites(4201, "/start");
            long second = stack.sandbox().userWrites(4202, "Call me: +380441234567");

            List<ConsumerRecord<String, String>> published = readUntil(updates, Set.of(first, second));
            assertThat(published).extracting(ConsumerRecord::key).contains("4201", "4202");
            List<ConsumerRecord<String, String>> stored = readUntil(raw, Set.of(first, second));
            assertThat(stored).extracting(ConsumerRecord::value).allSatisfy(value -> assertThat(value)
                    .contains("\"sealed\":\"v1:it1:").doesNotContain("380441234567").doesNotContain("/start"));
            JsonNode info = stack.sandbox().webhookInfo();
            assertThat(info.path("pending_update_count").asInt()).isZero();
            assertThat(info.path("allowed_updates")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("message", "edited_message", "callback_query", "my_chat_member",
                            "pre_checkout_query");
            assertThat(health(webhook)).contains("\"role\":\"webhook\"");
        }
    }

    @Test
    void theHeartbeatCarriesTheModeAndWhatGetWebhookInfoSaid() throws Exception {
        int port = FreePort.any();
        try (KafkaConsumer<String, Heartbeat> heartbeats = stack.consumer(Topics.HEARTBEATS);
             ConfigurableApplicationContext webhook = stack.startWebhook(port)) {
            awaitReady(webhook);

            Map<String, String> facts = await().atMost(Duration.ofSeconds(30)).until(
                    () -> lastFactsOf(heartbeats, "ingress-poller"),
                    // this instance's: earlier ones in this JVM beat under the same instance id
                    said -> said != null && PollerTestStack.webhookUrl(port).equals(said.get("webhook.url")));

            assertThat(facts).containsEntry("ingress", "webhook")
                    .containsEntry("webhook.url", PollerTestStack.webhookUrl(port))
                    .containsEntry("webhook.max_connections", "40")
                    .containsKey("webhook.pending_update_count");
            assertThat(facts.values()).noneMatch(value -> value.contains(PollerTestStack.WEBHOOK_SECRET)
                    || value.contains(PollerTestStack.TOKEN));
        }
    }

    @Test
    void aWebhookSetToAnotherUrlTakesReadinessDownAndRaisesAnAdminAlert() throws Exception {
        int port = FreePort.any();
        try (KafkaConsumer<String, OpsAlert> alerts = stack.consumer(Topics.ALERTS);
             ConfigurableApplicationContext webhook = stack.startWebhook(port)) {
            awaitReady(webhook);
            String elsewhere = "http://localhost:" + FreePort.any() + "/elsewhere";

            // when someone else points the bot's webhook at another URL
            stack.sandbox().setWebhook(elsewhere);

            // then the instance is no longer ready, and the admins hear of it through ops.alerts
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(Json.mapper().readTree(health(webhook)).path("status").asText()).isEqualTo("DOWN"));
            List<OpsAlert> raised = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                alerts.poll(Duration.ofMillis(200)).forEach(record -> raised.add(record.value()));
                return raised.stream().anyMatch(alert -> alert.message().contains(elsewhere));
            });
            assertThat(raised).filteredOn(alert -> alert.message().contains(elsewhere)).first()
                    .satisfies(alert -> assertThat(alert.message()).contains("not " + PollerTestStack.webhookUrl(port))
                            .doesNotContain(PollerTestStack.WEBHOOK_SECRET));
        }
    }

    /** The facts of the last heartbeat of {@code service} read so far (null if none yet). */
    private static Map<String, String> lastFactsOf(KafkaConsumer<String, Heartbeat> heartbeats, String service) {
        Map<String, String> last = null;
        for (ConsumerRecord<String, Heartbeat> record : heartbeats.poll(Duration.ofMillis(200))) {
            if (record.value() != null && record.value().service().equals(service)
                    && !record.value().state().equals("STOPPED")) {
                last = record.value().facts();
            }
        }
        return last;
    }

    @Test
    void aRequestWithoutOrWithAWrongSecretIsRefusedAndPublishesNothing() throws Exception {
        int port = FreePort.any();
        try (KafkaConsumer<String, String> raw = stack.rawConsumer();
             ConfigurableApplicationContext webhook = stack.startWebhook(port)) {
            raw.subscribe(List.of(Topics.UPDATES.name()));
            awaitReady(webhook);
            String forged = "{\"update_id\":1999999999,\"message\":{\"message_id\":1,\"date\":1,"
                    + "\"chat\":{\"id\":1,\"type\":\"private\"},\"from\":{\"id\":1,\"is_bot\":false,\"first_name\":\"x\"},"
                    + "\"text\":\"/grant 1 1000\"}}";

            assertThat(post(port, null, forged)).isEqualTo(401);
            assertThat(post(port, "wrong-secret", forged)).isEqualTo(401);
            assertThat(post(port, PollerTestStack.WEBHOOK_SECRET + "x", forged)).isEqualTo(401);

            // a genuine update after them: once it is in, anything the forgeries made would be in too
            long genuine = stack.sandbox().userWrites(4203, "/balance");
            List<ConsumerRecord<String, String>> stored = readUntil(raw, Set.of(genuine));
            assertThat(stored).extracting(r -> updateId(r.value())).doesNotContain(1999999999L);
            assertThat(prometheus(webhook)).contains("contactdesk_ingress_webhook_requests_total{outcome=\"unauthorized\"} 3.0");
        }
    }

    @Test
    void aBodyThatIsNotAnUpdateIsAnswered400AndDeadLetteredSealed() throws Exception {
        int port = FreePort.any();
        try (KafkaConsumer<String, String> dlq = stack.rawConsumer();
             ConfigurableApplicationContext webhook = stack.startWebhook(port)) {
            dlq.subscribe(List.of(Topics.UPDATES_DLQ.name()));
            awaitReady(webhook);

            assertThat(post(port, PollerTestStack.WEBHOOK_SECRET, "not json, +380441234567")).isEqualTo(400);

            List<ConsumerRecord<String, String>> letters = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(letters::add);
                return !letters.isEmpty();
            });
            assertThat(letters.get(0).value()).contains("webhook body is not an update").doesNotContain("380441234567");
        }
    }

    @Test
    void switchingARunningBotFromPollingToWebhookAndBackLosesNoUpdate() throws Exception {
        ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread users = new Thread(() -> {
            for (int i = 0; sending.get(); i++) {
                try {
                    sent.add(stack.sandbox().userWrites(5000 + i % 20, "/balance " + i));
                    Thread.sleep(20); // paces the users, who write throughout every switch
                } catch (Exception e) {
                    return;
                }
            }
        });
        try (KafkaConsumer<String, String> raw = stack.rawConsumer()) {
            raw.subscribe(List.of(Topics.UPDATES.name()));
            users.start();
            try (ConfigurableApplicationContext poller = stack.startPoller()) {
                awaitPublished(raw, sent, 20);
            }
            int port = FreePort.any();
            try (ConfigurableApplicationContext webhook = stack.startWebhook(port)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> PollerTestStack.webhookUrl(port).equals(stack.sandbox().webhookInfo().path("url").asText()));
                awaitPublished(raw, sent, sent.size() + 20);
            }
            try (ConfigurableApplicationContext poller = stack.startPoller()) {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> stack.sandbox().webhookInfo().path("url").asText().isEmpty());
                awaitPublished(raw, sent, sent.size() + 20);
                sending.set(false);
                users.join();
                Set<Long> all = new HashSet<>(sent);
                readUntil(raw, all);
            }
        } finally {
            sending.set(false);
            users.join();
        }
    }

    private static final Set<Long> published = ConcurrentHashMap.newKeySet();

    /** Waits until the first {@code count} updates sent are all on tg.updates. */
    private static void awaitPublished(KafkaConsumer<String, String> raw, ConcurrentLinkedQueue<Long> sent, int count) {
        await("the first " + count + " updates sent, all on tg.updates (none lost at a switch)").atMost(Duration.ofSeconds(60)).until(() -> {
            raw.poll(Duration.ofMillis(200)).forEach(r -> published.add(updateId(r.value())));
            return sent.size() >= count && published.containsAll(sent.stream().limit(count).toList());
        });
    }

    private static List<ConsumerRecord<String, String>> readUntil(KafkaConsumer<String, String> consumer, Set<Long> ids) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                records.add(record);
                seen.add(updateId(record.value()));
                published.add(updateId(record.value()));
            }
            return seen.containsAll(ids) || published.containsAll(ids);
        });
        return records;
    }

    private static void awaitReady(ConfigurableApplicationContext webhook) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(Json.mapper().readTree(health(webhook)).path("status").asText()).isEqualTo("UP"));
    }

    private static String health(ConfigurableApplicationContext context) throws Exception {
        return get(context, "/actuator/health/readiness");
    }

    private static String prometheus(ConfigurableApplicationContext context) throws Exception {
        return get(context, "/actuator/prometheus");
    }

    private static String get(ConfigurableApplicationContext context, String path) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int post(int port, String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PollerTestStack.webhookUrl(port)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long updateId(String json) {
        try {
            return Json.mapper().readTree(json).path("update_id").asLong();
        } catch (IOException e) {
            return -1;
        }
    }

}
