package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.notifier.flood.OutboxShare;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * The partitions of {@code tg.outbox} that this notifier's consumers hold, kept up to date by every rebalance of all
 * of them (one listener for the container's consumers, which call it from their own threads).
 */
final class OutboxAssignment implements ConsumerAwareRebalanceListener, OutboxShare {

    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private volatile int total;

    /** {@code configuredPartitions}: {@code KAFKA_TOPIC_PARTITIONS}, until the first assignment tells the real count. */
    OutboxAssignment(int configuredPartitions) {
        this.total = configuredPartitions;
    }

    @Override
    public int owned() {
        return owned.size();
    }

    @Override
    public int total() {
        return total;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<PartitionInfo> all = consumer.partitionsFor(Topics.OUTBOX.name());
        if (all != null && !all.isEmpty()) {
            total = all.size();
        }
        owned.addAll(partitions);
    }

    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }
}
