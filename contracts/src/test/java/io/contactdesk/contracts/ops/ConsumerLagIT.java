package io.contactdesk.contracts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.infra.KraftBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lag read from a real KRaft broker, checked against the tool's arithmetic done independently here. */
class ConsumerLagIT {

    private static KraftBroker broker;
    private static Admin admin;
    private static ConsumerLag lag;

    @BeforeAll
    static void start() throws Exception {
        broker = KraftBroker.builder().build().start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic("lag.single", 1, (short) 1), new NewTopic("lag.double", 2, (short) 1),
                new NewTopic("lag.dlq", 3, (short) 1))).all().get();
        lag = ConsumerLag.connect(KafkaConnection.plaintext(broker.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (lag != null) {
            lag.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void stalledConsumerThatCommittedFourOfTenLagsBySix() throws Exception {
        // given ten records, and a consumer that read them, committed after the 4th and stopped
        produce("lag.single", 0, 10);
        try (KafkaConsumer<String, String> consumer = consumer("stalled")) {
            consumer.subscribe(List.of("lag.single"));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read < 10 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(read).isEqualTo(10);
            consumer.commitSync(Map.of(new TopicPartition("lag.single", 0), new OffsetAndMetadata(4)));
        }

        // when
        GroupLag group = lag.group("stalled");

        // then
        assertThat(group.partitions()).containsExactly(new PartitionLag("lag.single", 0, 4L, 10L, 6L));
        assertThat(group.totalLag()).isEqualTo(6);
        assertThat(group).isEqualTo(independently("stalled"));
        assertThat(lag.all()).filteredOn(g -> g.group().equals("stalled")).containsExactly(group);
    }

    @Test
    void assignedPartitionWithoutCommittedOffsetHasUnknownLag() throws Exception {
        // given a live member holding both partitions, which committed only on partition 0
        produce("lag.double", 0, 3);
        produce("lag.double", 1, 5);
        try (KafkaConsumer<String, String> consumer = consumer("half")) {
            consumer.subscribe(List.of("lag.double"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200));
            }
            assertThat(consumer.assignment()).hasSize(2);
            consumer.commitSync(Map.of(new TopicPartition("lag.double", 0), new OffsetAndMetadata(1)));

            // when
            GroupLag group = await().atMost(Duration.ofSeconds(20))
                    .until(() -> lag.group("half"), g -> g.partitions().size() == 2);

            // then, as the tool: partition 1 is shown, with '-' as committed offset and lag
            assertThat(group.partitions()).containsExactly(
                    new PartitionLag("lag.double", 0, 1L, 3L, 2L),
                    new PartitionLag("lag.double", 1, null, 5L, null));
            assertThat(group.totalLag()).isEqualTo(2);
            assertThat(group.unknownPartitions()).isEqualTo(1);
        }
    }

    @Test
    void unknownGroupHasNoPartitions() {
        assertThat(lag.group("never-seen").partitions()).isEmpty();
    }

    @Test
    void topicEndOffsetsSumThePartitionsAndSkipMissingTopics() throws Exception {
        produce("lag.dlq", 0, 2);
        produce("lag.dlq", 2, 1);

        assertThat(lag.topicEndOffsets(List.of("lag.dlq", "no.such.dlq"))).isEqualTo(Map.of("lag.dlq", 3L));
    }

    /** What kafka-consumer-groups --describe prints for a group without live members, computed here by hand. */
    @Test
    void lagIsExactlyWhatKafkasConsumerGroupsToolPrints() throws Exception {
        // given a group that committed part of two partitions of its own topic and stopped
        admin.createTopics(List.of(new NewTopic("lag.tool", 2, (short) 1))).all().get();
        produce("lag.tool", 0, 7);
        produce("lag.tool", 1, 5);
        try (KafkaConsumer<String, String> consumer = consumer("tool-check")) {
            consumer.assign(List.of(new TopicPartition("lag.tool", 0), new TopicPartition("lag.tool", 1)));
            consumer.commitSync(Map.of(new TopicPartition("lag.tool", 0), new OffsetAndMetadata(2),
                    new TopicPartition("lag.tool", 1), new OffsetAndMetadata(5)));
        }

        // when kafka-consumer-groups --describe runs, and ConsumerLag measures
        Map<Integer, Long> printed = consumerGroupsToolLag("tool-check");
        GroupLag measured = lag.group("tool-check");

        // then they agree partition by partition
        assertThat(printed).containsExactlyInAnyOrderEntriesOf(Map.of(0, 5L, 1, 0L));
        assertThat(measured.partitions()).allSatisfy(p -> assertThat(p.lag()).isEqualTo(printed.get(p.partition())));
    }

    /** Runs Kafka's own ConsumerGroupCommand and reads the LAG column per partition from what it prints. */
    private static Map<Integer, Long> consumerGroupsToolLag(String group) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("kafka-consumer-groups exited with " + status + ": " + message);
        });
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ConsumerGroupCommand.main(new String[] {
                "--bootstrap-server", broker.bootstrapServers(), "--describe", "--group", group});
        } finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        Map<Integer, Long> lagByPartition = new HashMap<>();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList();
        // It may first say that the group has no active members; the table starts at its header.
        int headerLine = 0;
        while (!lines.get(headerLine).trim().startsWith("GROUP")) {
            headerLine++;
        }
        List<String> header = List.of(lines.get(headerLine).trim().split("\\s+"));
        for (String line : lines.subList(headerLine + 1, lines.size())) {
            String[] columns = line.trim().split("\\s+");
            if (!columns[0].equals(group)) {
                continue; // a log line of the client, printed to the same stream
            }
            lagByPartition.put(Integer.parseInt(columns[header.indexOf("PARTITION")]),
                    Long.parseLong(columns[header.indexOf("LAG")]));
        }
        return lagByPartition;
    }

    private static GroupLag independently(String group) throws Exception {
        try (Admin fresh = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    fresh.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            fresh.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            List<PartitionLag> rows = committed.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(
                            Comparator.comparing(TopicPartition::topic)
                                    .thenComparingInt(TopicPartition::partition)))
                    .map(e -> new PartitionLag(e.getKey().topic(), e.getKey().partition(), e.getValue().offset(),
                            ends.get(e.getKey()), ends.get(e.getKey()) - e.getValue().offset()))
                    .toList();
            return new GroupLag(group, rows);
        }
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

    private static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }

}
