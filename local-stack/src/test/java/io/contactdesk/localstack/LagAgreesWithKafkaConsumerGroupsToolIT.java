package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.ops.board.HeartbeatBoard;
import io.contactdesk.ops.board.HeartbeatBoard.InstanceView;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, "done means": the lag in the admin's {@code /lag} reply (answered by the ops console, issue 17), on the
 * console's page and in its Prometheus gauges is what Kafka's own {@code kafka-consumer-groups --describe} prints for
 * the same moment. The moment is well defined because the lag of both groups compared is frozen: a reader of
 * {@code credit.ledger} that stopped part-way, and db-writer once it has written everything (an admin the bot already
 * knows asking {@code /lag} only adds to {@code tg.updates}, {@code ops.report-requests} and {@code tg.outbox}, which
 * neither reads). The tool runs before and after the others and must print the same both times.
 *
 * <p>Every view is the local stack's own ops console: it answers the admin's {@code /lag} and {@code /health} there as
 * in production, and without it neither would get an answer.
 */
class LagAgreesWithKafkaConsumerGroupsToolIT {

    private static final Duration PIPELINE = Duration.ofSeconds(30);
    private static final long ADMIN = 4242;
    private static final String STALLED = "lag-check-stalled-reader";
    private static final String DB_WRITER = "contactdesk-db-writer";
    private static final String HEALTH_TITLE = "<b>Instances</b>";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static StacksOpsConsole console;

    @BeforeAll
    static void startStack() {
        stack = new LocalStack(new LocalStackSettings(0, 0, 0, dataDir, null, null, Long.toString(ADMIN), null, 0,
                null)).start();
        console = StacksOpsConsole.of(stack);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void slashLagTheConsoleAndTheMetricsShowWhatKafkasConsumerGroupsToolPrints() throws Exception {
        // given an admin and six users who started the bot: seven signup bonuses on credit.ledger
        SandboxUser admin = new SandboxUser(stack.telegramApiUrl(), ADMIN);
        admin.sends("/start");
        startBot(101, 106);
        await().atMost(PIPELINE).until(() -> admin.chat().size() >= 1);
        // and a reader of credit.ledger that read them all, committed up to the last one of each partition and stopped
        stallOnTheLastRecordOfEachPartition(Topics.LEDGER.name(), 7);
        // and six more users since, so it lags and its lag no longer moves
        startBot(107, 112);
        // and db-writer has written everything, so its lag no longer moves either
        try (ConsumerGroups groups = new ConsumerGroups(stack.kafkaBootstrapServers())) {
            await().atMost(PIPELINE).until(() -> groups.hasDrained(DB_WRITER, Topics.LEDGER.name())
                    && groups.hasDrained(DB_WRITER, Topics.USERS.name()));
        }

        // when Kafka's tool describes both groups
        KafkaConsumerGroupsTool tool = new KafkaConsumerGroupsTool(stack.kafkaBootstrapServers());
        Map<String, GroupLag> printed = tool.describe(STALLED, DB_WRITER);
        Instant printedAt = Instant.now();
        // and then every view is read, the console's background sample (gauges, /lag) once it has measured again: a
        // measurement that ended after the tool (a JVM start, seconds) also began after the lag froze
        ConsumerLagMetrics consoleLag = console.context().getBean(ConsumerLagMetrics.class);
        await().atMost(PIPELINE).until(() -> measuredSince(consoleLag, printedAt));
        LagGauges consoleGauges = new LagGauges(get(console.port(), "/actuator/prometheus", null));
        JsonNode consolePage = Json.mapper().readTree(get(console.port(), "/api/lag", consoleSession()));
        int asked = admin.chat().size();
        admin.sends("/lag");
        String reply = await().atMost(PIPELINE).until(() -> answer(admin, asked, LagReply.TITLE), text -> text != null);
        Map<String, LagReply> replied = LagReply.parse(reply);
        // and the tool, once more, still prints the same
        assertThat(tool.describe(STALLED, DB_WRITER)).as("lag frozen while the views were read").isEqualTo(printed);

        // then the stalled reader lags, and db-writer shows its partitions
        assertThat(printed.get(STALLED).totalLag()).isPositive();
        assertThat(printed.get(DB_WRITER).partitions()).isNotEmpty();
        // and every view agrees with the tool, partition by partition and in total
        for (GroupLag expected : printed.values()) {
            String group = expected.group();
            assertThat(consoleGroup(consolePage, group)).as("console /api/lag partitions of " + group)
                    .isEqualTo(expected.partitions());
            assertThat(findGroup(consolePage, group).path("totalLag").asLong()).as("console total of " + group)
                    .isEqualTo(expected.totalLag());
            assertThat(findGroup(consolePage, group).path("unknownPartitions").asLong())
                    .as("console partitions never committed of " + group).isEqualTo(expected.unknownPartitions());
            // partitions without a committed offset have no gauge: the tool prints '-' for them
            assertThat(consoleGauges.partitions(group)).as("lag gauges of " + group).isEqualTo(knownLags(expected));
            assertThat(consoleGauges.total(group)).as("total lag gauge of " + group).isEqualTo(expected.totalLag());
            // the reply lists only partitions that lag (a group has up to 60 of them), with the total and the count
            // of partitions never committed: all of that must match
            assertThat(replied.get(group)).as("/lag reply for " + group).isEqualTo(new LagReply(expected.totalLag(),
                    expected.unknownPartitions(), lagging(expected)));
        }
    }

    @Test
    void anAdminsHealthIsAnsweredWithEveryServiceOfTheStack() {
        // given an admin the bot knows, and every service of the stack has reported in to the stack's console
        SandboxUser admin = new SandboxUser(stack.telegramApiUrl(), ADMIN);
        admin.sends("/start");
        await().atMost(PIPELINE).until(() -> !admin.chat().isEmpty());
        HeartbeatBoard heartbeats = console.context().getBean(HeartbeatBoard.class);
        await().atMost(PIPELINE).until(() -> heartbeats.instances().stream().map(InstanceView::service)
                .collect(Collectors.toSet()).containsAll(LocalStack.SERVICES_BY_PORT));

        // when the admin asks for /health
        int asked = admin.chat().size();
        admin.sends("/health");

        // then the answer lists every service of the stack, the console itself included
        String reply = await().atMost(PIPELINE).until(() -> answer(admin, asked, HEALTH_TITLE), text -> text != null);
        for (String service : LocalStack.SERVICES_BY_PORT) {
            assertThat(reply).as("/health reply").contains("<b>" + service + "</b>");
        }
    }

    @Test
    void anAdminsLagIsAnsweredWithTheGroupsOfTheStack() {
        // given an admin the bot knows, and the stack's console has measured db-writer's group
        SandboxUser admin = new SandboxUser(stack.telegramApiUrl(), ADMIN);
        admin.sends("/start");
        await().atMost(PIPELINE).until(() -> !admin.chat().isEmpty());
        ConsumerLagMetrics consoleLag = console.context().getBean(ConsumerLagMetrics.class);
        await().atMost(PIPELINE).until(() -> consoleLag.latest().stream().anyMatch(g -> g.group().equals(DB_WRITER)));

        // when the admin asks for /lag
        int asked = admin.chat().size();
        admin.sends("/lag");

        // then the answer gives db-writer's group its lag
        String reply = await().atMost(PIPELINE).until(() -> answer(admin, asked, LagReply.TITLE), text -> text != null);
        assertThat(LagReply.parse(reply)).as("/lag reply").containsKey(DB_WRITER);
    }

    private static void startBot(int firstUser, int lastUser) {
        List<SandboxUser> users = new ArrayList<>();
        for (int id = firstUser; id <= lastUser; id++) {
            SandboxUser user = new SandboxUser(stack.telegramApiUrl(), id);
            user.sends("/start");
            users.add(user);
        }
        await().atMost(PIPELINE).until(() -> users.stream().allMatch(u -> !u.chat().isEmpty()));
    }

    /** A consumer stuck on the last record it read of each partition: committed up to it, then gone. */
    private static void stallOnTheLastRecordOfEachPartition(String topic, int records) {
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, STALLED,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            reader.subscribe(List.of(topic));
            Map<TopicPartition, OffsetAndMetadata> stuckAt = new HashMap<>();
            int read = 0;
            long deadline = System.nanoTime() + PIPELINE.toNanos();
            while (read < records && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    stuckAt.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset()));
                    read++;
                }
            }
            assertThat(read).as("records read from " + topic).isEqualTo(records);
            reader.commitSync(stuckAt);
        }
    }

    private static boolean measuredSince(ConsumerLagMetrics metrics, Instant moment) {
        return metrics.refreshedAt() != null && metrics.refreshedAt().isAfter(moment);
    }

    /**
     * The answer starting with {@code title} among the admin's messages after the first {@code asked} (alerts may
     * arrive there too, and the tests share the admin), or null before there is one.
     */
    private static String answer(SandboxUser admin, int asked, String title) {
        List<String> chat = admin.chat();
        for (int i = chat.size() - 1; i >= asked; i--) {
            if (chat.get(i).startsWith(title)) {
                return chat.get(i);
            }
        }
        return null;
    }

    private static Map<String, Long> knownLags(GroupLag group) {
        return group.partitions().stream().filter(PartitionLag::lagKnown)
                .collect(Collectors.toMap(p -> p.topic() + "-" + p.partition(), PartitionLag::lag));
    }

    private static Map<String, Long> lagging(GroupLag group) {
        return knownLags(group).entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static JsonNode findGroup(JsonNode lagPage, String group) {
        for (JsonNode g : lagPage.path("groups")) {
            if (g.path("group").asText().equals(group)) {
                return g;
            }
        }
        throw new AssertionError("no group " + group + " in the console's /api/lag: " + lagPage);
    }

    private static List<PartitionLag> consoleGroup(JsonNode lagPage, String group) {
        List<PartitionLag> partitions = new ArrayList<>();
        for (JsonNode p : findGroup(lagPage, group).path("partitions")) {
            partitions.add(new PartitionLag(p.path("topic").asText(), p.path("partition").asInt(),
                    p.path("committed").isNull() ? null : p.path("committed").asLong(),
                    p.path("logEnd").isNull() ? null : p.path("logEnd").asLong(),
                    p.path("lag").isNull() ? null : p.path("lag").asLong()));
        }
        return partitions;
    }

    private static String consoleSession() throws Exception {
        String form = "password=" + URLEncoder.encode(console.password(), StandardCharsets.UTF_8);
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + console.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new AssertionError("console login failed: " + login.statusCode()));
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static String get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }
}
