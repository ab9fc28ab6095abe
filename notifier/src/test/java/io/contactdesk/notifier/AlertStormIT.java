package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** An alert storm on a real broker, folded in a real PostgreSQL, as the admins see it in the sandbox. */
class AlertStormIT {

    private static final String TOKEN = "100000004:alerts-sandbox-token";
    private static final Duration FOLD_WINDOW = Duration.ofSeconds(8);
    private static final Pattern SUMMARY = Pattern.compile("🔁 ×(\\d+) in the last 8 s: (\\S+): .*");
    private static final long ADMIN_1 = 9_100_001;
    private static final long ADMIN_2 = 9_100_002;

    private static NotifierTestStack stack;
    private static SandboxClient sandbox;
    private static ConfigurableApplicationContext notifier;

    @BeforeAll
    static void start() {
        stack = NotifierTestStack.start(TOKEN);
        sandbox = stack.sandbox();
        sandbox.userWrites(ADMIN_1, "hi");
        sandbox.userWrites(ADMIN_2, "hi");
        notifier = stack.startNotifier(
                "--ADMIN_USER_IDS=" + ADMIN_1 + "," + ADMIN_2,
                "--contactdesk.alerts.fold-window=" + FOLD_WINDOW.toSeconds() + "s",
                "--contactdesk.alerts.summary-interval=1s");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void stormOfOneFingerprintReachesAdminsAsAHandfulOfMessages() throws Exception {
        // given 10,000 alerts of one fingerprint and 3 of another, as services publish them
        try (KafkaProducer<String, OpsAlert> services = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), Topics.ALERTS.valueSerde().serializer())) {
            for (int i = 0; i < 10_000; i++) {
                services.send(record(alert("db-writer", "fp-storm", "connection <refused> #" + i)));
                if (i % 4_000 == 0) {
                    services.send(record(alert("ingress-poller", "fp-other", "poll timed out #" + i)));
                }
            }
        }

        // then each admin gets the first of each fingerprint, escaped, before any summary of it (the two fingerprints
        // are on different partitions, so one's summary may come before the other's first)
        for (long admin : List.of(ADMIN_1, ADMIN_2)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<String> texts = texts(admin);
                assertFirstBeforeItsSummary(texts, "db-writer", "connection &lt;refused&gt; #0");
                assertFirstBeforeItsSummary(texts, "ingress-poller", "poll timed out #0");
            });
        }
        // and once the window passed, a summary per fingerprint counting every repeat
        for (long admin : List.of(ADMIN_1, ADMIN_2)) {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(summed(admin, "db-writer")).isEqualTo(9_999);
                assertThat(summed(admin, "ingress-poller")).isEqualTo(2);
            });
        }
        // and nothing more, however long one waits: a handful of messages in all
        Duration quiet = FOLD_WINDOW.plusSeconds(3);
        await().during(quiet).atMost(quiet.plusSeconds(10)).untilAsserted(() -> {
            for (long admin : List.of(ADMIN_1, ADMIN_2)) {
                assertThat(texts(admin)).as("messages to admin %d", admin).hasSizeLessThanOrEqualTo(6);
                assertThat(summed(admin, "db-writer")).isEqualTo(9_999);
            }
        });
    }

    /** The fingerprint's first alert arrived in full, and no summary of its service came before it. */
    private static void assertFirstBeforeItsSummary(List<String> texts, String service, String firstMessage) {
        int first = -1;
        int summary = -1;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Matcher folded = SUMMARY.matcher(text);
            if (summary < 0 && folded.matches() && folded.group(2).equals(service)) {
                summary = i;
            }
            if (first < 0 && text.startsWith("🚨 <b>ERROR</b> · <b>" + service + "</b>") && text.contains(firstMessage)) {
                first = i;
            }
        }
        assertThat(first).as("%s's first alert in %s", service, texts).isNotNegative();
        if (summary >= 0) {
            assertThat(first).as("%s's first alert before its summary", service).isLessThan(summary);
        }
    }

    private static OpsAlert alert(String service, String fingerprint, String message) {
        return new OpsAlert(UUID.randomUUID().toString(), "ERROR", service, service + "-1", fingerprint, message,
                "java.net.ConnectException: refused\n\tat Db.connect(Db.java:1)", Instant.now());
    }

    private static ProducerRecord<String, OpsAlert> record(OpsAlert alert) {
        return new ProducerRecord<>(Topics.ALERTS.name(), alert.fingerprint(), alert);
    }

    private static List<String> texts(long admin) {
        return sandbox.messages(admin).stream().map(m -> m.path("text").asText()).toList();
    }

    /** The repeats the summaries to one admin reported for a service, over all windows. */
    private static long summed(long admin, String service) {
        long sum = 0;
        for (String text : texts(admin)) {
            Matcher summary = SUMMARY.matcher(text);
            if (summary.matches() && summary.group(2).equals(service)) {
                sum += Long.parseLong(summary.group(1));
            }
        }
        return sum;
    }
}
