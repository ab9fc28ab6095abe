package io.contactdesk.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.ops.ConsumerLag;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.HeartbeatConfiguration;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.sandbox.browser.BrowserTab;
import io.contactdesk.sandbox.browser.Chromium;
import io.contactdesk.testsupport.CommittedRecords;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The console against a real KRaft broker: the login, lag equal to {@link ConsumerLag} for a stalled group, the
 * heartbeats of another service (which gets {@code HeartbeatConfiguration} by auto-configuration alone), recent
 * alerts folded by fingerprint, the answers to admins' {@code /health} and {@code /lag} on {@code tg.outbox}, and the page
 * in headless Chromium.
 */
class OpsConsoleIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SECRET = "it-secret-it-secret-it-secret-it-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final int DEAD_LETTER_TOPICS = Topics.deadLetterTopicNames().size();

    private static KraftBroker broker;
    private static ConfigurableApplicationContext console;
    private static ConfigurableApplicationContext service;
    private static String base;

    /**
     * Any service: nothing but Boot's auto-configuration, which brings the heartbeat from contracts, and facts about
     * its work as the ingress gives them in webhook mode (one carrying markup, which must stay text).
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class SomeService {

        static final Map<String, String> FACTS = facts();

        private static Map<String, String> facts() {
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("ingress", "webhook");
            facts.put("webhook.url", "https://bot.example.com/telegram/webhook");
            facts.put("webhook.pending_update_count", "3");
            facts.put("webhook.last_error_message", "<b>Wrong response</b> from the webhook: 503");
            return facts;
        }

        @Bean
        HeartbeatConfiguration.InstanceFacts someFacts() {
            return () -> FACTS;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        broker = KraftBroker.builder().build().start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("console.work", 2, (short) 1))).all().get();
        }
        console = ServiceLauncher.application("ops-console", OpsConsoleApplication.class).run(
                "--KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers(),
                "--OPS_CONSOLE_PASSWORD=" + PASSWORD,
                "--OPS_CONSOLE_SECRET=" + SECRET,
                "--SERVER_PORT=0",
                "--KAFKA_TOPIC_PARTITIONS=3",
                "--contactdesk.ops-console.lag-sample-interval=1s");
        base = "http://localhost:" + console.getEnvironment().getProperty("local.server.port");
        service = ServiceLauncher.application("it-service", SomeService.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--spring.main.web-application-type=none",
                "--contactdesk.heartbeat.interval=1s");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (console != null) {
            console.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everythingButLoginAndProbesRedirectsToLoginWithoutAValidCookie() throws Exception {
        for (String path : List.of("/", "/index.html", "/app.js", "/api/instances", "/api/lag", "/api/dead-letters",
                "/api/pipeline", "/api/alerts")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
        }
        assertThat(get("/api/lag", "ops_session=b3Bz.9999999999.forged").statusCode()).isEqualTo(302);
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordGetsNoCookieAndTheRightOneOpensThePage() throws Exception {
        HttpResponse<String> wrong = login("not it");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElse("")).contains("/login?error");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

        HttpResponse<String> right = login(PASSWORD);
        String setCookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("ops_session=").contains("HttpOnly").contains("SameSite=Strict");

        HttpResponse<String> page = get("/", cookie());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("contactdesk ops");
        assertThat(get("/api/instances", cookie()).statusCode()).isEqualTo(200);
    }

    @Test
    void lagOfAStalledGroupEqualsConsumerLag() throws Exception {
        // given ten records on partition 0, a consumer that committed after four and stopped
        produce("console.work", 0, 10);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "stalled-group",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("console.work"));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < 10 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            consumer.commitSync(Map.of(new TopicPartition("console.work", 0), new OffsetAndMetadata(4)));
        }

        // when
        JsonNode group = findGroup(JSON.readTree(get("/api/lag", cookie()).body()), "stalled-group");

        // then
        GroupLag expected;
        try (ConsumerLag lag = ConsumerLag.connect(KafkaConnection.plaintext(broker.bootstrapServers()))) {
            expected = lag.group("stalled-group");
        }
        assertThat(expected.partitions()).containsExactly(new PartitionLag("console.work", 0, 4L, 10L, 6L));
        assertThat(group.path("totalLag").asLong()).isEqualTo(expected.totalLag()).isEqualTo(6);
        List<PartitionLag> served = new ArrayList<>();
        for (JsonNode p : group.path("partitions")) {
            served.add(JSON.treeToValue(p, PartitionLag.class));
        }
        assertThat(served).isEqualTo(expected.partitions());

        // and the background sampler records its history for the sparkline
        await().atMost(Duration.ofSeconds(20)).until(() -> findGroup(JSON.readTree(get("/api/lag", cookie()).body()),
                "stalled-group").path("history").size() > 0);
        // and exports it to Prometheus
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/prometheus", null).body(),
                body -> body.contains(
                        "contactdesk_consumer_lag_records{group=\"stalled-group\",partition=\"0\",topic=\"console.work\"} 6.0")
                        && body.contains("contactdesk_consumer_lag_total_records{group=\"stalled-group\"} 6.0"));
    }

    @Test
    void heartbeatsOfAnotherServiceAppearInInstances() throws Exception {
        JsonNode instance = await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode i : JSON.readTree(get("/api/instances", cookie()).body()).path("instances")) {
                if (i.path("service").asText().equals("it-service")) {
                    return i;
                }
            }
            return null;
        }, i -> i != null);

        assertThat(instance.path("silent").asBoolean()).isFalse();
        assertThat(instance.path("instance").asText()).isNotBlank();
        assertThat(instance.path("host").asText()).isNotBlank();
        assertThat(instance.path("heapUsedBytes").asLong()).isPositive();
        assertThat(instance.path("state").asText()).isIn("UP", "UNKNOWN");
        // and what it says about its work, in its order
        assertThat(JSON.convertValue(instance.path("facts"), LinkedHashMap.class)).containsExactlyEntriesOf(SomeService.FACTS);
        // the console is a service too, and beats like the others
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/instances", cookie()).body(),
                body -> body.contains("\"service\":\"ops-console\""));
    }

    @Test
    void deadLetterTopicsAreCounted() throws Exception {
        produce("tg.outbox.dlq", 1, 2);

        JsonNode list = JSON.readTree(get("/api/dead-letters", cookie()).body());
        JsonNode outbox = null;
        for (JsonNode d : list) {
            if (d.path("topic").asText().equals("tg.outbox.dlq")) {
                outbox = d;
            }
        }
        assertThat(outbox).isNotNull();
        assertThat(outbox.path("records").asLong()).isEqualTo(2);
        assertThat(list.size()).isEqualTo(DEAD_LETTER_TOPICS);
    }

    @Test
    void pipelineShowsTheThroughputOfEachTopicAndTheLiveInstancesOfEachService() throws Exception {
        produce(Topics.UPDATES.name(), 0, 5);
        produce(Topics.AUDIT.name(), 1, 3);

        // two lag samples (one a second) after the records give every pipeline topic a rate
        JsonNode pipeline = await().atMost(Duration.ofSeconds(30)).until(
                () -> JSON.readTree(get("/api/pipeline", cookie()).body()),
                // both topics' records: a sample can fall between the two sends
                p -> p.path("topics").size() == 8 && allHaveARate(p.path("topics"))
                        && topic(p, Topics.UPDATES.name()).path("records").asLong() >= 5
                        && topic(p, Topics.AUDIT.name()).path("records").asLong() >= 3);

        List<String> topics = new ArrayList<>();
        for (JsonNode t : pipeline.path("topics")) {
            topics.add(t.path("topic").asText());
            assertThat(t.path("exists").asBoolean()).as(t.toString()).isTrue();
            assertThat(t.path("perSecond").asDouble()).as(t.toString()).isGreaterThanOrEqualTo(0);
        }
        assertThat(topics).containsExactly("tg.updates", "tg.outbox", "tg.outbox.bulk", "credit.ledger", "users",
                "listings", "contact.unlocks", "audit.events");
        assertThat(topic(pipeline, Topics.AUDIT.name()).path("records").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(pipeline.path("sampledAt").isNumber()).isTrue();
        List<String> services = new ArrayList<>();
        for (JsonNode s : pipeline.path("services")) {
            services.add(s.path("service").asText());
            assertThat(s.path("live").asInt()).isZero(); // none of them runs here
        }
        assertThat(services).containsExactly("ingress-poller", "command-processor", "db-writer", "notifier");
    }

    @Test
    void anAdminsHealthRequestIsAnsweredOnTheOutboxWithTheInstancesTheConsoleShows() throws Exception {
        // given the other service's heartbeat and the console's own have reached the console
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/instances", cookie()).body(),
                body -> body.contains("\"service\":\"it-service\"")
                        && body.contains("\"service\":\"ops-console\""));

        // when the processor forwards an admin's /health
        OpsReportRequested request = requestReport(OpsReportRequested.Report.HEALTH, 7001);

        // then the answer waits on tg.outbox for the admin's chat, as the processor's replies do
        OutboxMessage answer = answerTo(request);
        assertThat(answer.chatId()).isEqualTo(7001);
        assertThat(answer.method()).isEqualTo(OutboxMessage.SEND_MESSAGE);
        assertThat(answer.causeId()).isEqualTo(request.causeId());
        assertThat(answer.params()).containsEntry("parse_mode", "HTML");
        assertThat((String) answer.params().get("text")).startsWith("<b>Instances</b>")
                .containsPattern("(🟢|🟡) <b>it-service</b> .* · heap \\d+/\\d+ MB · (UP|UNKNOWN) · seen \\d+ s ago")
                .contains("<b>ops-console</b>");
    }

    @Test
    void anAdminsLagRequestIsAnsweredOnTheOutboxWithTheConsolesLatestSample() throws Exception {
        // given the console has sampled the lag of its own group at least
        ConsumerLagMetrics lag = console.getBean(ConsumerLagMetrics.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> lag.latest().stream()
                .anyMatch(group -> group.group().equals("contactdesk-ops-console-reports")));

        // when the processor forwards an admin's /lag
        OpsReportRequested request = requestReport(OpsReportRequested.Report.LAG, 7002);

        // then
        String text = (String) answerTo(request).params().get("text");
        assertThat(text).startsWith("<b>Consumer lag</b> (committed vs log end offsets)")
                .contains("<b>contactdesk-ops-console-reports</b>: ");
    }

    /** As the processor writes it: in a transaction, keyed by the admin's chat. */
    private static OpsReportRequested requestReport(OpsReportRequested.Report report, long chat) throws Exception {
        String cause = "update:" + UUID.randomUUID();
        OpsReportRequested request = new OpsReportRequested(cause + "/report:0", chat, chat, report, cause,
                Instant.now());
        try (KafkaProducer<String, OpsReportRequested> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-processor-" + cause),
                new StringSerializer(), Topics.REPORT_REQUESTS.valueSerde().serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.REPORT_REQUESTS.name(), Long.toString(chat), request));
            producer.commitTransaction();
        }
        return request;
    }

    /** The message on tg.outbox whose id derives from the request's, read as the notifier reads (read_committed). */
    private static OutboxMessage answerTo(OpsReportRequested request) {
        String outboxId = request.requestId() + "/reply:0";
        ConsumerRecord<String, OutboxMessage> answer = await().atMost(Duration.ofSeconds(30))
                .until(() -> CommittedRecords.of(broker.bootstrapServers(), Topics.OUTBOX).stream()
                        .filter(record -> record.value().outboxId().equals(outboxId)).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(answer.key()).isEqualTo(Long.toString(request.chatId()));
        return answer.value();
    }

    private static boolean allHaveARate(JsonNode topics) {
        for (JsonNode t : topics) {
            if (!t.path("perSecond").isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode topic(JsonNode pipeline, String name) {
        for (JsonNode t : pipeline.path("topics")) {
            if (t.path("topic").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no topic " + name + " in " + pipeline);
    }

    @Test
    void pageShowsInstancesLagAndDeadLettersInABrowser() throws Exception {
        produce("console.work", 1, 3);
        try (Chromium chromium = Chromium.launch(); BrowserTab page = chromium.newPage()) {
            page.navigate(base + "/");
            assertThat(page.evaluate("location.pathname").asText()).isEqualTo("/login");
            page.evaluate("document.querySelector('input[name=password]').value = " + JSON.writeValueAsString(PASSWORD)
                    + "; document.querySelector('form').submit(); true");
            page.waitFor("location.pathname === '/' && document.querySelectorAll('[data-testid=instance]').length > 0"
                    + " && document.querySelectorAll('[data-testid=dlq]').length === " + DEAD_LETTER_TOPICS, Duration.ofSeconds(30));
            page.waitFor("document.querySelector('[data-testid=instance][data-service=\"it-service\"]') !== null",
                    Duration.ofSeconds(30));
            // the service's facts, one line each, markup shown as text
            String facts = "document.querySelectorAll('[data-testid=instance][data-service=\"it-service\"] [data-testid=fact]')";
            page.waitFor(facts + ".length === 4", Duration.ofSeconds(30));
            assertThat(page.evaluate("[..." + facts + "].map(f => f.dataset.fact + '=' + f.querySelector('dd').textContent)"
                    + ".join('\\n')").asText()).isEqualTo("ingress=webhook\nwebhook.url=https://bot.example.com/telegram/webhook"
                    + "\nwebhook.pending_update_count=3\nwebhook.last_error_message=<b>Wrong response</b> from the webhook: 503");
            assertThat(page.evaluate("document.querySelectorAll('#instances b').length").asInt()).isZero();
            page.waitFor("document.querySelector('svg[data-testid=pipeline]') !== null"
                    + " && document.querySelectorAll('[data-testid=pipeline-topic]').length === 8"
                    + " && document.querySelectorAll('[data-testid=pipeline-service]').length === 4",
                    Duration.ofSeconds(30));
            page.evaluate("document.querySelectorAll('details.group').forEach(d => d.open = true); true");
            assertThat(page.evaluate("document.getElementById('error').hidden").asBoolean()).isTrue();
            Path screenshot = page.screenshot(Path.of("target/screenshots/ops-console.png"));
            assertThat(Files.size(screenshot)).isPositive();
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    @Test
    void alertsOfOneFingerprintAreServedAsOneRowWithTheirCount() throws Exception {
        // given three alerts of one problem and one of another
        Instant now = Instant.now();
        publishAlerts("it-api-repeated", 3, "the pool is exhausted", now);
        publishAlerts("it-api-once", 1, "a single failure", now.plusSeconds(1));

        // when
        JsonNode alerts = await().atMost(Duration.ofSeconds(30)).until(() -> alertsWithPrefix("it-api-"),
                rows -> rows.size() == 2 && rows.get(0).path("fingerprint").asText().equals("it-api-once")
                        && rows.get(1).path("count").asLong() == 3);

        // then
        JsonNode repeated = alerts.get(1);
        assertThat(repeated.path("severity").asText()).isEqualTo("ERROR");
        assertThat(repeated.path("service").asText()).isEqualTo("it-alerts");
        assertThat(repeated.path("message").asText()).isEqualTo("the pool is exhausted");
        assertThat(repeated.path("lastSeen").asLong()).isGreaterThanOrEqualTo(repeated.path("firstSeen").asLong());
        assertThat(alerts.get(0).path("count").asLong()).isEqualTo(1);
    }

    @Test
    void pageListsRecentAlertsFoldedAndAsLiteralText() throws Exception {
        // given three alerts of one problem and one whose message carries markup
        String hostile = "<script>window.injected = true</script><b>bold</b> & more";
        Instant now = Instant.now();
        publishAlerts("it-page-repeated", 3, "the disk is full", now);
        publishAlerts("it-page-hostile", 1, hostile, now.plusSeconds(1));

        try (Chromium chromium = Chromium.launch(); BrowserTab page = chromium.newPage()) {
            // tall enough that the screenshot holds every section
            page.call("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", 1400)
                    .put("height", 2600).put("deviceScaleFactor", 1).put("mobile", false));
            logIn(page);

            // when the page has refreshed with them
            String rows = "document.querySelectorAll('#alerts tr[data-fingerprint^=\"it-page-\"]')";
            page.waitFor(rows + ".length === 2", Duration.ofSeconds(30));

            // then one row per fingerprint, the repeats counted, the markup shown as text and never run
            assertThat(page.evaluate(rows + "[0].dataset.fingerprint").asText()).isEqualTo("it-page-hostile");
            assertThat(page.evaluate("document.querySelector('#alerts tr[data-fingerprint=\"it-page-repeated\"]"
                    + " [data-testid=alert-count]').textContent").asText()).isEqualTo("×3");
            assertThat(page.evaluate("document.querySelector('#alerts tr[data-fingerprint=\"it-page-hostile\"]"
                    + " [data-testid=alert-message]').textContent").asText()).isEqualTo(hostile);
            assertThat(page.evaluate("document.querySelectorAll('#alerts script, #alerts b').length").asInt()).isZero();
            assertThat(page.evaluate("window.injected === undefined").asBoolean()).isTrue();
            // and the screenshot shows the section
            assertThat(page.evaluate("document.getElementById('alerts').getBoundingClientRect().bottom"
                    + " <= window.innerHeight").asBoolean()).isTrue();
            Path screenshot = page.screenshot(Path.of("target/screenshots/ops-console-alerts.png"));
            assertThat(Files.size(screenshot)).isPositive();
            assertThat(page.consoleErrors()).isEmpty();
        }
    }

    private static void logIn(BrowserTab page) throws Exception {
        page.navigate(base + "/");
        page.evaluate("document.querySelector('input[name=password]').value = " + JSON.writeValueAsString(PASSWORD)
                + "; document.querySelector('form').submit(); true");
        page.waitFor("location.pathname === '/'", Duration.ofSeconds(30));
    }

    private static JsonNode alertsWithPrefix(String prefix) throws Exception {
        var rows = JSON.createArrayNode();
        for (JsonNode a : JSON.readTree(get("/api/alerts", cookie()).body()).path("alerts")) {
            if (a.path("fingerprint").asText().startsWith(prefix)) {
                rows.add(a);
            }
        }
        return rows;
    }

    /** {@code count} alerts of one fingerprint a millisecond apart from {@code from}, as a service publishes them. */
    private static void publishAlerts(String fingerprint, int count, String message, Instant from) throws Exception {
        try (KafkaProducer<String, OpsAlert> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), Topics.ALERTS.valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                OpsAlert alert = new OpsAlert(UUID.randomUUID().toString(), "ERROR", "it-alerts", "it-1", fingerprint,
                        message, "java.lang.IllegalStateException: " + message, from.plusMillis(i));
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), fingerprint, alert)).get();
            }
        }
    }

    private static JsonNode findGroup(JsonNode lag, String name) {
        for (JsonNode g : lag.path("groups")) {
            if (g.path("group").asText().equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no group " + name + " in " + lag);
    }

    private static String sessionCookie;

    private static synchronized String cookie() throws Exception {
        if (sessionCookie == null) {
            String setCookie = login(PASSWORD).headers().firstValue("Set-Cookie").orElseThrow();
            sessionCookie = setCookie.substring(0, setCookie.indexOf(';'));
        }
        return sessionCookie;
    }

    private static HttpResponse<String> login(String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void produce(String topic, int partition, int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i)).get();
            }
        }
    }
}
