package io.contactdesk.dbwriter;

import io.contactdesk.contracts.topics.Topic;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces like the processor (transactionally) and tells whether a consumer group has caught up. */
final class TestKafka implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "db-writer-it-" + UUID.randomUUID());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    static <V> ProducerRecord<String, byte[]> record(Topic<String, V> topic, String key, V value) {
        return new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    static ProducerRecord<String, byte[]> raw(Topic<String, ?> topic, String key, byte[] value) {
        return new ProducerRecord<>(topic.name(), key, value);
    }

    /** One committed transaction, as the processor's exactly-once output arrives. */
    @SafeVarargs
    final void sendInTransaction(ProducerRecord<String, byte[]>... records) {
        sendInTransaction(List.of(records));
    }

    void sendInTransaction(List<ProducerRecord<String, byte[]>> records) {
        producer.beginTransaction();
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record);
        }
        producer.commitTransaction();
    }

    /** Whether the group has committed every partition of the topics up to its end (commit markers included). */
    boolean caughtUp(String groupId, Topic<?, ?>... topics) throws ExecutionException, InterruptedException {
        List<String> names = Arrays.stream(topics).map(Topic::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
    }


    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
