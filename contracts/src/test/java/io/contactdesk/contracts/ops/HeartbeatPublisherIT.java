package io.contactdesk.contracts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.topics.TopicProvisioning;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.KraftBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeartbeatPublisherIT {

    private static KraftBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KraftBroker.builder().build().start();
        // Created by every service at start-up (TopicProvisioning); the broker creates nothing by itself.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(TopicProvisioning.newTopic(Topics.HEARTBEATS, 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void beatsEveryIntervalKeyedByInstanceAndSaysStoppedOnClose() {
        AtomicReference<String> state = new AtomicReference<>("UP");
        HeartbeatPublisher publisher = new HeartbeatPublisher("lag-it-service",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), state::get,
                Duration.ofMillis(300), Clock.systemUTC());
        publisher.start();
        List<ConsumerRecord<String, Heartbeat>> seen;
        try (KafkaConsumer<String, Heartbeat> consumer = consumer()) {
            seen = readUntil(consumer, records -> records.stream().filter(r -> "UP".equals(r.value().state()))
                    .count() >= 3);
            state.set("DOWN");
            seen = readUntil(consumer, records -> records.stream().anyMatch(r -> "DOWN".equals(r.value().state())));
            publisher.close();
            seen = readUntil(consumer, records -> records.stream()
                    .anyMatch(r -> HeartbeatPublisher.STOPPED.equals(r.value().state())));
        }
        assertThat(seen).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("lag-it-service/" + InstanceIdentity.instance());
            assertThat(r.value().key()).isEqualTo(r.key());
            assertThat(r.value().heapUsedBytes()).isPositive();
        });
    }

    @Test
    void unreachableBrokerNeitherBlocksStartNorFails() {
        // given a broker that does not exist
        HeartbeatPublisher publisher = new HeartbeatPublisher("nowhere",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), () -> "UP", Duration.ofMillis(200),
                Clock.systemUTC());

        // when the service starts and later stops (the bounds only turn a hang into a failure; they time nothing)
        assertTimeoutPreemptively(Duration.ofSeconds(30), publisher::start);

        // then it runs, beats into the void, and closes without throwing
        assertThat(publisher.isRunning()).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(60), publisher::close);
    }

    private final List<ConsumerRecord<String, Heartbeat>> all = new ArrayList<>();

    private List<ConsumerRecord<String, Heartbeat>> readUntil(KafkaConsumer<String, Heartbeat> consumer,
            Predicate<List<ConsumerRecord<String, Heartbeat>>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.test(all) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(all::add);
        }
        assertThat(done.test(all)).as("heartbeats seen: %s", all).isTrue();
        return all;
    }

    private static KafkaConsumer<String, Heartbeat> consumer() {
        KafkaConsumer<String, Heartbeat> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringDeserializer(), Topics.HEARTBEATS.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            consumer.partitionsFor(Topics.HEARTBEATS.name()).forEach(p ->
                    partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
