package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.boot.ServiceLauncher;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.sandbox.TelegramSandbox;
import io.contactdesk.testsupport.SandboxClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A notifier (re)started while PostgreSQL is away, as happens when a crash and a database outage meet: it starts,
 * delivers replies (which need no table), and sets up its tables once the database is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotifierWithoutDatabaseIT {

    private static final String TOKEN = "100000006:no-database-sandbox-token";
    private static final long USER = 7_300_001;
    private static final long ADMIN = 7_300_900;

    private static KraftBroker broker;
    private static TelegramSandbox telegram;
    private static SandboxClient sandbox;
    // Built, with its port and URL fixed, but not started until the second test.
    private static EmbeddedPostgresServer postgres;
    private static ConfigurableApplicationContext notifier;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startWithoutDatabase() {
        broker = KraftBroker.builder().build().start();
        telegram = TelegramSandbox.builder().port(0).token(TOKEN).build().start();
        sandbox = new SandboxClient(telegram.baseUrl(), TOKEN);
        sandbox.userWrites(USER, "hi");
        sandbox.userWrites(ADMIN, "hi");
        postgres = EmbeddedPostgresServer.builder().build();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
        notifier = ServiceLauncher.application("notifier", NotifierApplication.class).run(
                NotifierTestStack.argumentsFor(TOKEN, telegram.baseUrl(), ContactCipher.generateKeyringEntry("k1"),
                        broker.bootstrapServers(), postgres.url(),
                        "--ADMIN_USER_IDS=" + ADMIN, "--contactdesk.alerts.summary-interval=1s")
                        .toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void repliesAreDeliveredWhilePostgresIsAway() {
        // given a notifier that started with PostgreSQL unreachable (start-up above did not fail)
        // when the processor answers a user
        send(Topics.OUTBOX.name(), USER, Topics.OUTBOX.valueSerde().serializer().serialize(Topics.OUTBOX.name(),
                OutboxMessage.sendMessage("update:" + UUID.randomUUID() + "/reply:0", USER, "while the database sleeps",
                        null, "update:1", Instant.now())));

        // then the user gets the reply, with flood control kept locally meanwhile
        await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.messages(USER).stream()
                .anyMatch(m -> m.path("text").asText().equals("while the database sleeps")));
    }

    @Test
    @Order(2)
    void tablesAreMigratedAndAlertsFoldedOncePostgresIsBack() throws Exception {
        // given PostgreSQL comes up, empty, after the notifier started
        postgres.start();

        // when a service raises an alert, which the notifier folds in its table before telling the admins
        OpsAlert alert = new OpsAlert(UUID.randomUUID().toString(), "ERROR", "db-writer", "db-writer-1",
                "fp-late-database", "late database", "java.lang.IllegalStateException: late", Instant.now());
        send(Topics.ALERTS.name(), 0, Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert));

        // then the admin hears of it once the database answers
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.messages(ADMIN).stream()
                .anyMatch(m -> m.path("text").asText().contains("late database")));
        // and the notifier's tables, the flood buckets among them, exist now
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                postgres.password());
                ResultSet tables = connection.createStatement().executeQuery(
                        "select count(*) from information_schema.tables where table_name in "
                                + "('notifier_flood_buckets', 'alert_folds', 'notifier_flyway_history')")) {
            tables.next();
            assertThat(tables.getInt(1)).isEqualTo(3);
        }
    }

    private static void send(String topic, long key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key == 0 ? "alert" : Long.toString(key), value));
        producer.flush();
    }
}
