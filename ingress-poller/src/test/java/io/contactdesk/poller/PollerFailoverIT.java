package io.contactdesk.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.FreePort;
import io.contactdesk.poller.ingress.IngressStatus;
import io.contactdesk.poller.ingress.UpdatePublisher;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/** Several poller instances for one bot: exactly one polls, a standby takes over, a replaced leader cannot publish. */
class PollerFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(PollerFailoverIT.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PollerTestStack stack;
    private final List<ConfigurableApplicationContext> pollers = new ArrayList<>();

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

    @AfterEach
    void closePollers() {
        pollers.forEach(ConfigurableApplicationContext::close);
        pollers.clear();
    }

    private ConfigurableApplicationContext startPoller() {
        ConfigurableApplicationContext poller = stack.startPoller();
        pollers.add(poller);
        return poller;
    }

    @Test
    void exactlyOneInstancePollsAndAStandbyTakesOverWithoutDuplicatesOrGaps() throws Exception {
        try (KafkaConsumer<String, String> updates = stack.consumer()) {
            updates.subscribe(List.of(Topics.UPDATES.name()));
            // given two instances of the poller for the same bot
            ConfigurableApplicationContext first = startPoller();
            ConfigurableApplicationContext second = startPoller();

            // then exactly one of them becomes the leader, and stays the only one
            await().atMost(Duration.ofSeconds(30)).until(() -> leaders(first, second) == 1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> leaders(first, second) == 1);
            ConfigurableApplicationContext leader = status(first).isLeader() ? first : second;
            ConfigurableApplicationContext standby = leader == first ? second : first;
            assertThat(status(leader).health().getDetails()).containsEntry("role", "leader");
            assertThat(status(standby).health().getStatus().getCode()).isEqualTo("UP");
            assertThat(status(standby).health().getDetails()).containsEntry("role", "standby");
            assertThat(meters(leader).get("contactdesk.ingress.leader").gauge().value()).isEqualTo(1.0);
            assertThat(meters(standby).get("contactdesk.ingress.leader").gauge().value()).isEqualTo(0.0);

            // when users write, each update is published once
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sent.add(stack.sandbox().userWrites(40 + i % 2, "before failover " + i));
            }
            List<Long> published = new ArrayList<>(updateIds(readAtLeast(updates, 5, sent.get(0))));
            assertThat(published).containsExactlyInAnyOrderElementsOf(sent);
            double leaderPollFailures = pollFailures(leader);

            // when the leader stops (a deploy, a scale-down), the standby takes over at once
            long closing = System.nanoTime();
            pollers.remove(leader);
            leader.close();
            long closed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> status(standby).isLeader());
            long leading = System.nanoTime();
            log.info("takeover: leader's close took {} ms; standby was leader {} ms after the close returned",
                    (closed - closing) / 1_000_000, (leading - closed) / 1_000_000);

            // and what users send after is published exactly once, continuing where the old leader stopped
            for (int i = 0; i < 5; i++) {
                sent.add(stack.sandbox().userWrites(40 + i % 2, "after failover " + i));
            }
            long firstAfter = sent.get(5);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(standby).lastPublishedUpdateId() >= firstAfter);
            log.info("takeover: first update sent after the failover was published {} ms after the leader's close began",
                    (System.nanoTime() - closing) / 1_000_000);
            published.addAll(updateIds(readAtLeast(updates, 5, sent.get(0))));
            Thread.sleep(2_000);
            published.addAll(updateIds(since(read(updates), sent.get(0))));

            // no duplicates, no gaps: exactly the updates the sandbox handed out, once each
            assertThat(published).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
            for (int i = 1; i < sent.size(); i++) {
                assertThat(sent.get(i)).isEqualTo(sent.get(i - 1) + 1);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stack.sandbox().stats().path("updates_pending").asInt() == 0);
            // and never two overlapping getUpdates (the sandbox answers those 409, counted as poll failures)
            assertThat(leaderPollFailures).isZero();
            assertThat(pollFailures(standby)).isZero();
        }
    }

    @Test
    void aLeaderWhoseTransactionalIdWasTakenIsFencedPublishesNothingAndStepsDownToStandby() throws Exception {
        try (KafkaConsumer<String, String> updates = stack.consumer()) {
            updates.subscribe(List.of(Topics.UPDATES.name()));
            ConfigurableApplicationContext poller = startPoller();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(poller).isLeader());
            long before = stack.sandbox().userWrites(42, "before the zombie");
            assertThat(updateIds(readAtLeast(updates, 1, before))).containsExactly(before);

            // given the leader was replaced without noticing (paused while another instance took over the bot's
            // transactional id — the usurper's initTransactions() is what the new lease holder does first)
            UpdatePublisher usurper = new UpdatePublisher(KafkaConnection.plaintext(stack.broker().bootstrapServers()), PollerTestStack.BOT_ID, PollerTestStack.SEALS);
            try {
                // when an update arrives and the old leader tries to publish it
                long during = stack.sandbox().userWrites(42, "while replaced");

                // then it is fenced, and steps down to standby instead of stopping for good
                await().atMost(Duration.ofSeconds(20)).until(() -> status(poller).fencedCount() == 1);
                // (alone in the lease group, it is handed the lease again: its new term fences the usurper and
                // publishes the update that its fenced term could not)
                await().atMost(Duration.ofSeconds(20)).until(() -> status(poller).isLeader()
                        && status(poller).lastPublishedUpdateId() == during);
                assertThat(meters(poller).get("contactdesk.ingress.fenced").counter().count()).isEqualTo(1.0);

                // and the usurper, now the stale one, cannot publish either
                assertThatThrownBy(() -> usurper.publish(0,
                        List.of(new ReceivedUpdate(during + 1000, "42", "{\"update_id\":" + (during + 1000) + ",\"message\":{\"text\":\"usurper\"}}")),
                        Instant.now()))
                        .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
                long after = stack.sandbox().userWrites(42, "after the zombie");

                // so read_committed consumers see every update exactly once, and nothing of the fenced attempts
                List<ConsumerRecord<String, String>> seen = readAtLeast(updates, 2, during);
                Thread.sleep(2_000);
                seen.addAll(since(read(updates), during));
                assertThat(updateIds(seen)).containsExactly(during, after);
                assertThat(seen).extracting(ConsumerRecord::value).noneMatch(v -> v.contains("usurper"));
            } finally {
                usurper.close();
            }
        }
    }

    @Test
    void whenTheLeaderDiesTheStandbyTakesOverWithinTenSeconds() throws Exception {
        // given a leader in its own JVM, so that it can really die (SIGKILL: no goodbye to the group)
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("ingress-poller-.*-exec\\.jar")).findFirst().orElse(null);
        }
        Assumptions.assumeTrue(jar != null, "the executable jar is built in the package phase");
        int port = FreePort.any();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(stack.pollerArguments(port));
        Process doomed = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/killed-poller.log"))
                .start();
        try (KafkaConsumer<String, String> updates = stack.consumer()) {
            updates.subscribe(List.of(Topics.UPDATES.name()));
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> "leader".equals(remoteRole(port)));
            // and a standby in this JVM
            ConfigurableApplicationContext standby = startPoller();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !status(standby).isLeader());
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(stack.sandbox().userWrites(50, "before the crash " + i));
            }
            List<Long> published = new ArrayList<>(updateIds(readAtLeast(updates, 3, sent.get(0))));

            // when the leader dies
            long killed = System.nanoTime();
            doomed.destroyForcibly().waitFor();

            // then the standby holds the lease within 10 s (the dead member's session times out after 6 s)
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> status(standby).isLeader());
            log.info("takeover after a crash: standby was leader {} ms after the leader was killed",
                    (System.nanoTime() - killed) / 1_000_000);

            // and carries on exactly where the dead leader's last commit ended
            for (int i = 0; i < 3; i++) {
                sent.add(stack.sandbox().userWrites(50, "after the crash " + i));
            }
            published.addAll(updateIds(readAtLeast(updates, 3, sent.get(0))));
            Thread.sleep(2_000);
            published.addAll(updateIds(since(read(updates), sent.get(0))));
            assertThat(published).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
            assertThat(pollFailures(standby)).isZero();
        } finally {
            doomed.destroyForcibly();
        }
    }

    private static String remoteRole(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return json(response.body()).path("components").path("ingressStatus").path("details").path("role").asText();
    }

    private static int leaders(ConfigurableApplicationContext... contexts) {
        int leaders = 0;
        for (ConfigurableApplicationContext context : contexts) {
            leaders += status(context).isLeader() ? 1 : 0;
        }
        return leaders;
    }

    private static IngressStatus status(ConfigurableApplicationContext context) {
        return context.getBean(IngressStatus.class);
    }

    private static MeterRegistry meters(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class);
    }

    private static double pollFailures(ConfigurableApplicationContext context) {
        return meters(context).get("contactdesk.ingress.poll.failures").counter().count();
    }

    private static List<Long> updateIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> json(r.value()).path("update_id").asLong()).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The other test's updates are in the topic too: only updates from {@code firstId} on count. */
    private static List<ConsumerRecord<String, String>> readAtLeast(KafkaConsumer<String, String> consumer, int n, long firstId) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            records.addAll(since(read(consumer), firstId));
            return records.size() >= n;
        });
        return records;
    }

    private static List<ConsumerRecord<String, String>> read(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        return records;
    }

    private static List<ConsumerRecord<String, String>> since(List<ConsumerRecord<String, String>> records, long firstId) {
        return records.stream().filter(r -> r.value().contains("\"message\""))
                .filter(r -> json(r.value()).path("update_id").asLong() >= firstId)
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
