package io.contactdesk.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.events.IngressOffset;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.poller.ingress.UpdatePublisher;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import io.contactdesk.sandbox.TelegramSandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class IngressPollerIT {

    private static final String TOKEN = "100000001:local-sandbox-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KraftBroker broker;
    private static TelegramSandbox sandbox;

    @BeforeAll
    static void startBrokerAndSandbox() {
        broker = KraftBroker.builder().build().start();
        sandbox = TelegramSandbox.builder().port(0).token(TOKEN).build().start();
    }

    @AfterAll
    static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static ConfigurableApplicationContext startPoller() {
        return ServiceLauncher.application("ingress-poller", IngressPollerApplication.class).run(
                "--KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers(),
                "--TELEGRAM_TOKEN=" + TOKEN,
                "--TELEGRAM_API_URL=" + sandbox.baseUrl(),
                "--POLL_TIMEOUT_SECONDS=1",
                "--SERVER_PORT=0");
    }

    @Test
    void updatesArePublishedKeyedBySenderConfirmedAfterCommitAndNotRepeatedAfterARestart() throws Exception {
        // given a running poller and three messages from two users
        try (KafkaConsumer<String, String> updates = consumer()) {
            updates.subscribe(List.of(Topics.UPDATES.name()));
            try (ConfigurableApplicationContext poller = startPoller()) {
                send(42, "/start");
                send(77, "/help");
                send(42, "/balance");

                // then each update is in tg.updates, keyed by its sender, in the user's order
                List<ConsumerRecord<String, String>> published = messages(readAtLeast(updates, 3));
                assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("42", "77", "42");
                assertThat(published.stream().filter(r -> r.key().equals("42")).map(r -> textOf(r.value())))
                        .containsExactly("/start", "/balance");
                // and Telegram was told only after Kafka committed: nothing is pending any more
                await().atMost(Duration.ofSeconds(30)).until(() -> stats().path("updates_pending").asInt() == 0);
            }

            // when a message arrives while the poller is down, and a new poller starts
            send(42, "/help");
            try (ConfigurableApplicationContext poller = startPoller()) {
                // then exactly that update is published, none of the earlier ones again
                List<ConsumerRecord<String, String>> after = readAtLeast(updates, 1);
                Thread.sleep(2_000);
                after.addAll(read(updates));
                after = messages(after);
                assertThat(after).extracting(r -> textOf(r.value())).containsExactly("/help");
                // and the offset kept in Kafka is that last update's id
                assertThat(lastOffset().lastUpdateId()).isEqualTo(updateIdOf(after.get(0).value()));
            }
        }
    }

    private static long updateIdOf(String json) {
        try {
            return Json.mapper().readTree(json).path("update_id").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPublisherReplacedByAnotherWithTheSameBotIsFencedAndPublishesNothing() {
        // given a publisher for bot 555, then a second one for the same bot
        UpdatePublisher stale = new UpdatePublisher(broker.bootstrapServers(), 555);
        try (UpdatePublisher current = new UpdatePublisher(broker.bootstrapServers(), 555)) {
            // when the stale one tries to publish
            assertThatThrownBy(() -> stale.publish(List.of(new ReceivedUpdate(1, "42", "{}")), Instant.now()))
                    // then it is fenced
                    .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
            current.publish(List.of(new ReceivedUpdate(2, "42", "{\"update_id\":2,\"fencing\":\"current\"}")), Instant.now());
        } finally {
            stale.close();
        }
        // and only the current publisher's update is visible to read_committed consumers
        try (KafkaConsumer<String, String> updates = consumer()) {
            updates.subscribe(List.of(Topics.UPDATES.name()));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
                seen.addAll(read(updates));
                return !seen.isEmpty();
            });
            assertThat(seen).extracting(ConsumerRecord::value).contains("{\"update_id\":2,\"fencing\":\"current\"}")
                    .doesNotContain("{}");
        }
    }

    private static String textOf(String json) {
        try {
            return Json.mapper().readTree(json).path("message").path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static IngressOffset lastOffset() {
        try (KafkaConsumer<String, IngressOffset> consumer = new KafkaConsumer<>(consumerProps(),
                new StringDeserializer(), Topics.INGRESS_OFFSETS.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.INGRESS_OFFSETS.name()));
            IngressOffset last = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, IngressOffset> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals("100000001")) {
                        last = record.value();
                    }
                }
                if (last != null && consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                    return last;
                }
            }
            throw new AssertionError("no ingress offset for the bot");
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(consumerProps(), new StringDeserializer(), new StringDeserializer());
    }

    private static Map<String, Object> consumerProps() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    private static List<ConsumerRecord<String, String>> readAtLeast(KafkaConsumer<String, String> consumer, int n) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            records.addAll(messages(read(consumer)));
            return records.size() >= n;
        });
        return records;
    }

    /** Updates that came through the sandbox (the fencing test publishes bare JSON of its own). */
    private static List<ConsumerRecord<String, String>> read(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        return records;
    }

    private static List<ConsumerRecord<String, String>> messages(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> r.value().contains("\"message\"")).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    private static void send(long userId, String text) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(sandbox.baseUrl() + "/sandbox/users/" + userId + "/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(Map.of("text", text))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static JsonNode stats() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return Json.mapper().readTree(response.body());
    }
}
