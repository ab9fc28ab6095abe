package io.contactdesk.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.IngressOffset;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.poller.ingress.IngressOffsets;
import io.contactdesk.poller.ingress.IngressStatus;
import io.contactdesk.poller.ingress.UpdatePublisher;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import io.contactdesk.testsupport.CommittedRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngressPollerIT {

    /** Restarting the sandbox's update ids changes what every later test would see: that test runs last. */
    private static final int LAST = Integer.MAX_VALUE;

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
    void updatesArePublishedKeyedBySenderConfirmedAfterCommitAndNotRepeatedAfterARestart() throws Exception {
        // given a running poller and three messages from two users
        try (KafkaConsumer<String, String> updates = stack.consumer()) {
            updates.subscribe(List.of(Topics.UPDATES.name()));
            try (ConfigurableApplicationContext poller = stack.startPoller()) {
                stack.sandbox().userWrites(42, "/start");
                stack.sandbox().userWrites(77, "Call me: +380441234567");
                stack.sandbox().userWrites(42, "/balance");

                // then each update is in tg.updates, keyed by its sender, in the user's order
                List<ConsumerRecord<String, String>> published = messages(readAtLeast(updates, 3));
                assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("42", "77", "42");
                assertThat(published.stream().filter(r -> r.key().equals("42")).map(r -> textOf(r.value())))
                        .containsExactly("/start", "/balance");
                // and sealed: the broker holds neither what they wrote nor who they are
                try (KafkaConsumer<String, String> raw = stack.rawConsumer()) {
                    raw.subscribe(List.of(Topics.UPDATES.name()));
                    List<ConsumerRecord<String, String>> stored = new ArrayList<>();
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        stored.addAll(read(raw));
                        return stored.size() >= 3;
                    });
                    assertThat(stored).extracting(ConsumerRecord::value)
                            .allSatisfy(value -> assertThat(value).contains("\"sealed\":\"v1:it1:")
                                    .doesNotContain("380441234567").doesNotContain("/start").doesNotContain("first_name"));
                }
                // and Telegram was told only after Kafka committed: nothing is pending any more
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> stack.sandbox().stats().path("updates_pending").asInt() == 0);
            }

            // when a message arrives while the poller is down, and a new poller starts
            stack.sandbox().userWrites(42, "/help");
            try (ConfigurableApplicationContext poller = stack.startPoller()) {
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
    void aPublisherReplacedByAnotherWithTheSameBotIsFencedAndPublishesNothing() throws Exception {
        // given a publisher for bot 555, then a second one for the same bot
        stack.createTopics(Topics.UPDATES, Topics.INGRESS_OFFSETS);
        UpdatePublisher stale = new UpdatePublisher(KafkaConnection.plaintext(stack.broker().bootstrapServers()), 555, PollerTestStack.SEALS);
        try (UpdatePublisher current = new UpdatePublisher(KafkaConnection.plaintext(stack.broker().bootstrapServers()), 555, PollerTestStack.SEALS)) {
            // when the stale one tries to publish
            assertThatThrownBy(() -> stale.publish(0, List.of(new ReceivedUpdate(1, "42", "{}")), Instant.now()))
                    // then it is fenced
                    .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
            current.publish(0, List.of(new ReceivedUpdate(2, "42", "{\"update_id\":2,\"fencing\":\"current\"}")), Instant.now());
        } finally {
            stale.close();
        }
        // and only the current publisher's update is visible to read_committed consumers
        try (KafkaConsumer<String, String> updates = stack.consumer()) {
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

    @Test
    void theOffsetResumedFromIsTheLatestEpochsLastUpdateNotTheHighestId() {
        // given bot 556 published up to update 9000 in epoch 0, then update 120 in epoch 1
        try (UpdatePublisher publisher = new UpdatePublisher(KafkaConnection.plaintext(stack.broker().bootstrapServers()), 556, PollerTestStack.SEALS)) {
            publisher.publish(0, List.of(new ReceivedUpdate(9_000, "556", "{\"update_id\":9000}")), Instant.now());
            publisher.publish(1, List.of(new ReceivedUpdate(120, "556", "{\"update_id\":120}")), Instant.now());
        }

        // when a poller reads where to resume
        Optional<UpdateRef> last = new IngressOffsets(KafkaConnection.plaintext(stack.broker().bootstrapServers())).lastPublished(556);

        // then it continues after 120 in epoch 1
        assertThat(last).contains(new UpdateRef(1, 120));
    }

    @Test
    @Order(LAST)
    void afterTelegramRestartsItsIdsBelowTheOffsetEveryUpdateIsPublishedOnceInTheNextEpoch() throws Exception {
        List<String> users = List.of("501", "502");
        List<PublishedUpdate> published = new ArrayList<>();
        try (KafkaConsumer<String, String> updates = stack.rawConsumer()) {
            updates.subscribe(List.of(Topics.UPDATES.name()));
            long before;
            long firstAfter;
            long secondAfter;
            UpdateRef stored;
            try (ConfigurableApplicationContext poller = stack.startPoller()) {
                // given a poller that published an update, and confirmed it to Telegram
                before = stack.sandbox().userWrites(501, "before the restart");
                await().atMost(Duration.ofSeconds(60)).until(() -> status(poller).lastPublishedUpdateId() == before
                        && stack.sandbox().stats().path("updates_pending").asInt() == 0);
                stored = new UpdateRef(status(poller).epoch(), before);

                // when Telegram restarts its ids far below, and users write
                stack.sandbox().restartUpdateIds(1_000);
                firstAfter = stack.sandbox().userWrites(501, "first after the restart");
                secondAfter = stack.sandbox().userWrites(502, "second after the restart");
                assertThat(firstAfter).isLessThan(before);

                // then both are published, under the next epoch, and Telegram is told they are safe
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    published.addAll(read(updates, users));
                    return published.size() >= 3;
                });
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> stack.sandbox().stats().path("updates_pending").asInt() == 0);
                // and the restart is counted once, and shown
                assertThat(meters(poller).get("contactdesk.ingress.update_id.restarts").counter().count()).isEqualTo(1.0);
                assertThat(status(poller).health().getDetails()).containsEntry("epoch", stored.epoch() + 1);
            }
            // and tg.ingress-offsets holds the new epoch with the last update
            assertThat(lastOffset().lastUpdate()).isEqualTo(new UpdateRef(stored.epoch() + 1, secondAfter));

            // when another user writes while no poller runs, and a new one starts
            long afterResume = stack.sandbox().userWrites(502, "after the poller restarted");
            try (ConfigurableApplicationContext poller = stack.startPoller()) {
                // then it continues in that epoch
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    published.addAll(read(updates, users));
                    return published.size() >= 4;
                });
                // and every update was published exactly once, each sealed under its own epoch
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
                    published.addAll(read(updates, users));
                    return true;
                });
                long epoch = stored.epoch() + 1;
                assertThat(published).containsExactlyInAnyOrder(
                        new PublishedUpdate(stored, "before the restart"),
                        new PublishedUpdate(new UpdateRef(epoch, firstAfter), "first after the restart"),
                        new PublishedUpdate(new UpdateRef(epoch, secondAfter), "second after the restart"),
                        new PublishedUpdate(new UpdateRef(epoch, afterResume), "after the poller restarted"));
                assertThat(meters(poller).get("contactdesk.ingress.update_id.restarts").counter().count()).isZero();
            }
        }
    }

    /** An update as tg.updates holds it: its UpdateRef in the clear, its text behind the seal bound to that ref. */
    private record PublishedUpdate(UpdateRef ref, String text) {
    }

    private static List<PublishedUpdate> read(KafkaConsumer<String, String> raw, List<String> keys) throws Exception {
        List<PublishedUpdate> updates = new ArrayList<>();
        for (ConsumerRecord<String, String> record : raw.poll(Duration.ofMillis(500))) {
            if (keys.contains(record.key())) {
                JsonNode sealed = Json.mapper().readTree(record.value());
                updates.add(new PublishedUpdate(SealedUpdates.refOf(sealed), textOf(PollerTestStack.SEALS.open(sealed))));
            }
        }
        return updates;
    }

    private static IngressStatus status(ConfigurableApplicationContext context) {
        return context.getBean(IngressStatus.class);
    }

    private static MeterRegistry meters(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class);
    }

    private static String textOf(String json) {
        try {
            return Json.mapper().readTree(json).path("message").path("text").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The bot's latest ingress offset committed on {@code tg.ingress-offsets} (the poller commits it with updates). */
    private static IngressOffset lastOffset() {
        List<IngressOffset> offsets = await().atMost(Duration.ofSeconds(20)).until(
                () -> CommittedRecords.valuesOf(stack.broker().bootstrapServers(), Topics.INGRESS_OFFSETS,
                        Long.toString(PollerTestStack.BOT_ID)), committed -> !committed.isEmpty());
        return offsets.get(offsets.size() - 1);
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
        return records.stream().filter(r -> r.value().contains("\"message\"")).collect(Collectors.toCollection(ArrayList::new));
    }
}
