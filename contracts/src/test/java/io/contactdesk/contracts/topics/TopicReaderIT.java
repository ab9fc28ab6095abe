package io.contactdesk.contracts.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.events.IngressOffset;
import io.contactdesk.infra.KraftBroker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one topic reader against a real KRaft broker: to the end, the tail, a missing topic, bad records, following. */
class TopicReaderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static KraftBroker broker;
    private static Admin admin;
    private static int topics;

    @BeforeAll
    static void start() throws Exception {
        broker = KraftBroker.builder().build().start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void readToEndHandsOverEveryRecordOfEveryPartitionAndReturns() throws Exception {
        // given
        String topic = newTopic(3);
        produce(topic, "a", "b", "c", "d", "e");

        // when
        List<String> read = readAll(topic, reader -> reader.seekToBeginning());

        // then
        assertThat(read).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void seekToLastReadsOnlyEachPartitionsTail() throws Exception {
        // given
        String topic = newTopic(1);
        produce(topic, "1", "2", "3", "4", "5");

        // when
        List<String> read = readAll(topic, reader -> reader.seekToLast(2, TIMEOUT));

        // then
        assertThat(read).containsExactly("4", "5");
    }

    @Test
    void aTopicThatDoesNotExistReadsAsEmptyAndIsNotCreated() throws Exception {
        // given
        String topic = "reader.missing";

        // when
        List<String> read = readAll(topic, reader -> assertThat(reader.exists()).isFalse());

        // then
        assertThat(read).isEmpty();
        assertThat(admin.listTopics().names().get()).doesNotContain(topic);
    }

    @Test
    void aRecordThatDoesNotDecodeIsReportedAndTheReadGoesOn() throws Exception {
        // given a topic of ingress offsets with one record that is none
        String topic = newTopic(1);
        produce(topic, offsetJson(1), "not json", offsetJson(3));
        List<Long> decoded = new ArrayList<>();
        List<Long> unreadable = new ArrayList<>();

        // when
        try (TopicReader reader = TopicReader.open(config(), "test-reader", topic, TIMEOUT)) {
            reader.seekToBeginning();
            reader.readToEnd(TIMEOUT, TopicReader.decoding(Topics.INGRESS_OFFSETS,
                    offset -> decoded.add(offset.record().offset()),
                    (record, failure) -> unreadable.add(record.offset())));
        }

        // then
        assertThat(decoded).containsExactly(0L, 2L);
        assertThat(unreadable).containsExactly(1L);
    }

    @Test
    void aFollowerSaysWhenItCaughtUpAndGoesOnReadingWhatComes() throws Exception {
        // given
        String topic = newTopic(2);
        produce(topic, "before-1", "before-2");
        List<String> read = Collections.synchronizedList(new ArrayList<>());

        try (TopicFollower follower = new TopicFollower(config(), "test-follower", topic,
                TopicReader::seekToBeginning, record -> read.add(value(record)), Clock.systemUTC())) {
            // when
            follower.start();

            // then
            assertThat(follower.awaitCaughtUp(TIMEOUT)).isTrue();
            assertThat(read).contains("before-1", "before-2");
            produce(topic, "after");
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(read).contains("after"));
        }
    }

    @Test
    void aFollowerPassesOverARecordItsHandlerThrowsOn() throws Exception {
        // given
        String topic = newTopic(1);
        produce(topic, "fine", "poison", "also fine");
        List<String> read = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger poisoned = new AtomicInteger();

        try (TopicFollower follower = new TopicFollower(config(), "test-follower", topic,
                TopicReader::seekToBeginning, record -> {
                    if (value(record).equals("poison")) {
                        poisoned.incrementAndGet();
                        throw new IllegalStateException("cannot take it");
                    }
                    read.add(value(record));
                }, Clock.systemUTC())) {
            // when
            follower.start();

            // then
            assertThat(follower.awaitCaughtUp(TIMEOUT)).isTrue();
            assertThat(read).containsExactly("fine", "also fine");
            assertThat(poisoned).hasValue(1);
        }
    }

    private static List<String> readAll(String topic, Consumer<TopicReader> position) {
        List<String> read = new ArrayList<>();
        try (TopicReader reader = TopicReader.open(config(), "test-reader", topic, TIMEOUT)) {
            position.accept(reader);
            reader.readToEnd(TIMEOUT, record -> read.add(value(record)));
        }
        return read;
    }

    private static String offsetJson(long lastUpdateId) {
        return new String(Topics.INGRESS_OFFSETS.valueSerde().serializer().serialize(Topics.INGRESS_OFFSETS.name(),
                new IngressOffset(7, lastUpdateId, Instant.EPOCH)), StandardCharsets.UTF_8);
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> config() {
        // A group id and a listener's poll settings, as a service's settings carry them: the reader leaves them out.
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "some-service", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    }

    private static String newTopic(int partitions) throws Exception {
        String name = "reader.topic-" + ++topics;
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        return name;
    }

    private static void produce(String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < values.length; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, values[i])).get();
            }
        }
    }
}
