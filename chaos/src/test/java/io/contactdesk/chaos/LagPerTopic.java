package io.contactdesk.chaos;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Lag as {@code kafka-consumer-groups --describe} computes it, from the broker: committed offsets of a group against
 * the end of each partition (last stable offset: only committed transactions count).
 */
final class LagPerTopic {

    private LagPerTopic() {
    }

    /**
     * Lag per topic of {@code group}: over the topics it must read plus every topic it has committed offsets on. A
     * partition with records and no committed offset counts whole.
     */
    static Map<String, Long> of(String bootstrapServers, String group, Collection<String> mustRead) throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
            Set<String> topics = new HashSet<>(mustRead);
            committed.keySet().forEach(tp -> topics.add(tp.topic()));
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            topics.retainAll(existing);
            Map<String, TopicDescription> described = admin.describeTopics(List.copyOf(topics)).allTopicNames()
                    .get(20, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.forEach((topic, description) -> description.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            Map<String, Long> lag = new TreeMap<>();
            topics.forEach(topic -> lag.put(topic, 0L));
            Map<TopicPartition, long[]> behind = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(20, TimeUnit.SECONDS).forEach((tp, end) -> {
                        OffsetAndMetadata done = committed.get(tp);
                        long from = done == null ? 0 : done.offset();
                        if (end.offset() > from) {
                            behind.put(tp, new long[] {from, end.offset()});
                        }
                    });
            // Offsets are not records: transaction markers and aborted records (a killed producer's) sit between a
            // consumer that commits record by record and the log end for ever. Count what a read_committed consumer
            // would still get.
            recordsBehind(bootstrapServers, behind).forEach((tp, n) -> lag.merge(tp.topic(), n, Long::sum));
            return lag;
        }
    }

    private static Map<TopicPartition, Long> recordsBehind(String bootstrapServers, Map<TopicPartition, long[]> behind) {
        Map<TopicPartition, Long> records = new HashMap<>();
        if (behind.isEmpty()) {
            return records;
        }
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(behind.keySet());
            behind.forEach((tp, range) -> {
                consumer.seek(tp, range[0]);
                records.put(tp, 0L);
            });
            Set<TopicPartition> open = new HashSet<>(behind.keySet());
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < behind.get(tp)[1]) {
                        records.merge(tp, 1L, Long::sum);
                    }
                }
                open.removeIf(tp -> consumer.position(tp) >= behind.get(tp)[1]);
            }
            // A partition not read to its end in time counts whole, as offsets.
            open.forEach(tp -> records.put(tp, behind.get(tp)[1] - behind.get(tp)[0]));
        }
        return records;
    }

    static long total(Map<String, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
