package io.contactdesk.localstack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Lag as {@code kafka-consumer-groups --describe} computes it: committed offsets against the log end. */
final class ConsumerGroups implements AutoCloseable {

    private final Admin admin;

    ConsumerGroups(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Whether {@code group} has consumed everything committed to {@code topic} so far. */
    boolean hasDrained(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                .get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        return ends.entrySet().stream().allMatch(end -> {
            OffsetAndMetadata done = committed.get(end.getKey());
            return end.getValue().offset() == 0 || (done != null && done.offset() >= end.getValue().offset());
        });
    }

    @Override
    public void close() {
        admin.close();
    }
}
