package io.contactdesk.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.infra.KraftBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reader every module's tests assert with, on a real broker: what it reads and what it leaves out. */
class CommittedRecordsIT {

    private static KraftBroker broker;
    private static Admin admin;

    @BeforeAll
    static void start() {
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
    void readsWhatCommittedTransactionsWroteAndLeavesAbortedRecordsOut() throws Exception {
        // given one transaction committed, one aborted, and one more committed, over several partitions
        Topic<String, String> facts = newTopic();
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            inTransaction(producer, facts, "a", "kept", true);
            inTransaction(producer, facts, "a", "aborted", false);
            inTransaction(producer, facts, "b", "kept too", true);
        }

        // when / then
        assertThat(CommittedRecords.of(broker.bootstrapServers(), facts)).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("kept", "kept too");
        assertThat(CommittedRecords.valuesOf(broker.bootstrapServers(), facts, "a")).containsExactly("kept");
        assertThat(CommittedRecords.bytesOf(broker.bootstrapServers(), List.of(facts.name()))).hasSize(2);
    }

    @Test
    void includingAbortedShowsWhatTheLogHoldsAbortedRecordsToo() throws Exception {
        // given
        Topic<String, String> facts = newTopic();
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            inTransaction(producer, facts, "a", "kept", true);
            inTransaction(producer, facts, "a", "aborted", false);
        }

        // when
        List<ConsumerRecord<byte[], byte[]>> all =
                CommittedRecords.includingAborted(broker.bootstrapServers(), List.of(facts.name()));

        // then
        assertThat(all).extracting(record -> new String(record.value(), StandardCharsets.UTF_8)).containsExactly("kept", "aborted");
    }

    @Test
    void anOpenTransactionIsNotWaitedFor() throws Exception {
        // given a committed record, then a transaction that stays open
        Topic<String, String> facts = newTopic();
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            inTransaction(producer, facts, "a", "kept", true);
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(facts.name(), "a", "pending")).get();

            // when read meanwhile: then at once, the committed record only
            assertThat(CommittedRecords.valuesOf(broker.bootstrapServers(), facts, "a")).containsExactly("kept");
            producer.abortTransaction();
        }
    }

    @Test
    void aTopicThatIsNotThereReadsAsEmptyAndIsNotCreatedByReading() throws Exception {
        String absent = "absent-" + UUID.randomUUID();

        assertThat(CommittedRecords.bytesOf(broker.bootstrapServers(), List.of(absent))).isEmpty();
        assertThat(admin.listTopics().names().get()).doesNotContain(absent);
    }

    private static Topic<String, String> newTopic() throws Exception {
        String name = "facts-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
        return new Topic<>(name, Serdes.String(), Serdes.String(), false, Duration.ofDays(1));
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID()),
                new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    private static void inTransaction(KafkaProducer<String, String> producer, Topic<String, String> topic, String key,
            String value, boolean commit) throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }
}
