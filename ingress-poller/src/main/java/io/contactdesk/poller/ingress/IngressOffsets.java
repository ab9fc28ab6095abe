package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.events.IngressOffset;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The last update this bot published, with its ingress epoch, read back from the compacted {@code tg.ingress-offsets}
 * topic. It is written in the same transaction as the updates, so it is exactly as far as Kafka is.
 */
public final class IngressOffsets {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Comparator<UpdateRef> LATEST =
            Comparator.comparingLong(UpdateRef::epoch).thenComparingLong(UpdateRef::updateId);

    private final KafkaConnection kafka;

    public IngressOffsets(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /** Empty before the bot's first batch; records written before epochs existed read as epoch 0. */
    public Optional<UpdateRef> lastPublished(long botId) {
        String key = Long.toString(botId);
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, IngressOffset> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), Topics.INGRESS_OFFSETS.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGRESS_OFFSETS.name(), READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            UpdateRef last = null;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.INGRESS_OFFSETS.name() + " within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, IngressOffset> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && record.value() != null) {
                        last = latest(last, record.value().lastUpdate());
                    }
                }
            }
            return Optional.ofNullable(last);
        }
    }

    /**
     * Epochs only grow, and within one epoch ids only grow; so the later of two offsets is the one with the higher
     * (epoch, update_id), whatever compaction has left of the log.
     */
    private static UpdateRef latest(UpdateRef a, UpdateRef b) {
        return a == null || LATEST.compare(b, a) > 0 ? b : a;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
