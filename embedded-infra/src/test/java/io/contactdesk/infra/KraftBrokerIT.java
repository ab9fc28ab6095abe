package io.contactdesk.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KraftBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void committedTransactionalRecordsAreReadBackAndSurviveARestartOnTheSameDataDirectory() throws Exception {
        // given a broker on a kept data directory and a transactional write
        try (KraftBroker broker = KraftBroker.builder().dataDir(dataDir).build().start()) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("facts", 3, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID()),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("facts", "42", "started"));
                producer.commitTransaction();
            }
        }

        // when a new broker starts on the same directory
        try (KraftBroker broker = KraftBroker.builder().dataDir(dataDir).build().start()) {
            // then the committed record is still there
            assertThat(readAll(broker.bootstrapServers())).containsExactly("started");
        }
    }

    @Test
    void aTopicNoServiceCreatedIsNotCreatedByAProducerWritingToIt() throws Exception {
        // given a broker configured as docker-compose's (KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false")
        try (KraftBroker broker = KraftBroker.builder().dataDir(dataDir).build().start();
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000),
                        new StringSerializer(), new StringSerializer());
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            // when a producer writes to a topic nobody created
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>("nobody.created", "42", "lost?"));

            // then the write is refused and the topic does not exist: a service that forgot to create its topic
            // fails here as it would in production, instead of writing to a topic with the broker's defaults
            assertThatThrownBy(() -> sent.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("not present in metadata");
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("nobody.created");
        }
    }

    private static List<String> readAll(String bootstrapServers) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("facts"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            ArrayList<String> values = new ArrayList<>();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }
}
