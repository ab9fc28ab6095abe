package io.contactdesk.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.testsupport.CommittedRecords;
import io.contactdesk.tools.ToolSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** replay-dlq against a real KRaft broker: dead letters of both formats go back to their source topics, unchanged. */
class ReplayDeadLettersIT {

    private static final String ACCOUNT_COMMANDS = "contactdesk.processor.account-commands";
    private static final Instant BEFORE_THE_FIX = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant AFTER_THE_BUG = Instant.parse("2026-12-05T20:00:00Z");
    private static final String SEALED = "{\"update_id\":7,\"sealed\":\"v1:k1:c2VhbGVk\"}";

    private static KraftBroker broker;

    @BeforeAll
    static void givenDeadLettersOnABroker() throws Exception {
        broker = KraftBroker.builder().build().start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.UPDATES.name(), 1, (short) 1),
                    new NewTopic(Topics.UPDATES_DLQ.name(), 1, (short) 1),
                    new NewTopic(Topics.PROCESSOR_STREAMS_DLQ, 1, (short) 1),
                    new NewTopic(ACCOUNT_COMMANDS, 1, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, DeadLetter> letters = new KafkaProducer<>(props, new StringSerializer(),
                Topics.UPDATES_DLQ.valueSerde().serializer());
             KafkaProducer<byte[], byte[]> streams = new KafkaProducer<>(props, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            letters.send(new ProducerRecord<>(Topics.UPDATES_DLQ.name(), "42", letter("42", "{\"update_id\":6}",
                    BEFORE_THE_FIX.minusSeconds(3600)))).get();
            letters.send(new ProducerRecord<>(Topics.UPDATES_DLQ.name(), "43", letter("43", SEALED, AFTER_THE_BUG))).get();
            ProducerRecord<byte[], byte[]> failed = new ProducerRecord<>(Topics.PROCESSOR_STREAMS_DLQ, null,
                    AFTER_THE_BUG.toEpochMilli(), bytes("44"), bytes("{\"commandId\":\"c1\"}"));
            failed.headers().add(ReplayDeadLetters.STREAMS_SOURCE_TOPIC_HEADER, bytes(ACCOUNT_COMMANDS));
            failed.headers().add("__streams.errors.exception", bytes("java.lang.ArithmeticException"));
            streams.send(failed).get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void updatesThatFailedSinceTheBugGoBackToTgUpdatesWithTheirKeyAndBytesUnchanged() {
        Result result = run("--topic", "tg.updates.dlq", "--since", BEFORE_THE_FIX.toString());

        assertThat(result.exit).as(result.err).isZero();
        assertThat(result.out).isEqualTo("replayed 1 of 2 dead letters from tg.updates.dlq (1 from before "
                + BEFORE_THE_FIX + " left out) to tg.updates\n");
        assertThat(result.out + result.err).doesNotContain("sealed");
        assertThat(records(Topics.UPDATES.name(), 1)).singleElement().satisfies(record -> {
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("43");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(SEALED);
        });
    }

    @Test
    void kafkaStreamsDeadLettersGoBackToTheTopicNamedInTheirHeaders() {
        Result result = run("--topic", Topics.PROCESSOR_STREAMS_DLQ);

        assertThat(result.exit).as(result.err).isZero();
        assertThat(result.out).isEqualTo("replayed 1 of 1 dead letters from contactdesk.processor.dlq to "
                + ACCOUNT_COMMANDS + "\n");
        assertThat(records(ACCOUNT_COMMANDS, 1)).singleElement().satisfies(record -> {
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("44");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"commandId\":\"c1\"}");
            assertThat(record.headers().toArray()).as("the error stays in the dead letter").isEmpty();
        });
    }

    @Test
    void aTopicThatIsNotADeadLetterTopicOrAWrongInstantIsRefusedBeforeAnythingIsRead() {
        Result notDlq = run("--topic", "tg.updates");
        Result badSince = run("--topic", "tg.updates.dlq", "--since", "yesterday");
        Result noTopic = run("--since", AFTER_THE_BUG.toString());

        assertThat(List.of(notDlq.exit, badSince.exit, noTopic.exit)).containsOnly(2);
        assertThat(notDlq.err).contains("tg.updates is not a dead-letter topic");
        assertThat(badSince.err).contains("--since is not an ISO instant: yesterday");
        assertThat(noTopic.err).startsWith("usage: replay-dlq --topic");
    }

    private static DeadLetter letter(String key, String payload, Instant failedAt) {
        return new DeadLetter(Topics.UPDATES.name(), 0, 5, key, bytes(payload), "IllegalStateException: a bug",
                "command-processor", failedAt);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits, within a bound, until the topic holds {@code count} records, and returns them. */
    private static List<ConsumerRecord<byte[], byte[]>> records(String topic, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> CommittedRecords.bytesOf(broker.bootstrapServers(), List.of(topic)),
                records -> records.size() >= count);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReplayDeadLetters.run(args, Map.of(ToolSettings.BOOTSTRAP, broker.bootstrapServers()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
