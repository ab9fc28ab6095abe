package io.contactdesk.localstack;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.poller.ingress.IngressOffsets;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The first update id for a new sandbox on a kept data directory: above every id the ingress published. The poller
 * keeps its last one in {@code tg.ingress-offsets}; webhook instances keep none, so after a run in webhook mode the
 * highest id is the one last on {@code tg.updates}. An id below it would be dropped by the processor as a repeat (a
 * stack that polled, then ran in webhook mode, then polled again, once lost every update this way).
 */
final class NextUpdateId {

    /** How many of each tg.updates partition's last records are read: a user's updates share a partition, in order. */
    private static final int TAIL_RECORDS = 100;

    private NextUpdateId() {
    }

    /** 0 (a random first id) when nothing was published yet. */
    static long after(KafkaConnection kafka, long botId) {
        Set<String> topics;
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the broker's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long next = 0;
        if (topics.contains(Topics.INGRESS_OFFSETS.name())) {
            next = new IngressOffsets(kafka).lastPublished(botId).map(last -> last.updateId() + 1).orElse(0L);
        }
        if (topics.contains(Topics.UPDATES.name())) {
            next = Math.max(next, highestOnUpdatesTopic(kafka) + 1);
        }
        return next;
    }

    /** The highest {@code update_id} among the last records of each {@code tg.updates} partition (-1 for none). */
    private static long highestOnUpdatesTopic(KafkaConnection kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.UPDATES.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            end.forEach((partition, offset) -> consumer.seek(partition,
                    Math.max(begin.get(partition), offset - TAIL_RECORDS)));
            long highest = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read the end of " + Topics.UPDATES.name() + " within 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    highest = Math.max(highest, updateIdOf(record.value()));
                }
            }
            return highest;
        }
    }

    private static long updateIdOf(String value) {
        try {
            return value == null ? -1 : Json.mapper().readTree(value).path("update_id").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
