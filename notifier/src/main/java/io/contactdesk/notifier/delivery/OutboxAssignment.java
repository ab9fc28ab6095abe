package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.notifier.flood.OutboxShare;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions of {@code tg.outbox} that this notifier's consumer holds, and how far each was settled (every record
 * below it sent, dead-lettered or refused by a blocked user), kept across rebalances; {@link OutboxConsumer} calls it
 * from its rebalance listener.
 *
 * <p>Settled offsets are committed as records finish, but a commit can fail and be lost: while the broker is away, or
 * when the group is rebalancing. Its next owner would then send it again. So before a partition is handed over, what was
 * settled on it is committed once more; and when a partition comes back to this notifier (the group rebuilt after a
 * broker outage, say) while its committed offset lags what this notifier settled, the consumer starts after what was
 * settled, and commits it.
 */
final class OutboxAssignment implements OutboxShare {

    private static final Logger log = LoggerFactory.getLogger(OutboxAssignment.class);

    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<TopicPartition, OffsetAndMetadata> settled = new ConcurrentHashMap<>();
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

    /**
     * Every record of {@code partition} below {@code next}'s offset is done with (its call was made or it was
     * dead-lettered), and so are those its metadata names above it ({@link SettledAbove}). A later commit at the same
     * offset replaces an earlier one: it knows more of what was settled above.
     */
    void settled(TopicPartition partition, OffsetAndMetadata next) {
        settled.merge(partition, next, (known, later) -> later.offset() >= known.offset() ? later : known);
    }

    void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<PartitionInfo> all = consumer.partitionsFor(Topics.OUTBOX.name());
        if (all != null && !all.isEmpty()) {
            total = all.size();
        }
        owned.addAll(outbox(partitions));
        startAfterSettled(consumer, partitions);
    }

    void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        commitSettled(consumer, partitions, "handing over");
    }

    void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        owned.removeAll(outbox(partitions));
    }

    void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Nothing can be committed for lost partitions; what was settled is kept for when they come back.
        owned.removeAll(outbox(partitions));
    }

    /**
     * Only {@code tg.outbox}'s partitions are this notifier's share. When this was a listener of the default container
     * factory, the priority and bulk containers' partitions reached it too: each notifier counted 12 of 12 and kept
     * the whole bot's limit through a PostgreSQL outage, two notifiers twice Telegram's (docs/reliability.md, finding
     * 8; {@code FloodControlThroughDatabaseOutageIT}).
     */
    private static Set<TopicPartition> outbox(Collection<TopicPartition> partitions) {
        Set<TopicPartition> outbox = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (Topics.OUTBOX.name().equals(partition.topic())) {
                outbox.add(partition);
            }
        }
        return outbox;
    }

    private void startAfterSettled(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<TopicPartition> known = new HashSet<>(partitions);
        known.retainAll(settled.keySet());
        if (known.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(known);
            Map<TopicPartition, OffsetAndMetadata> ahead = new HashMap<>();
            for (TopicPartition partition : known) {
                OffsetAndMetadata next = settled.get(partition);
                OffsetAndMetadata current = committed.get(partition);
                if (current == null || current.offset() < next.offset()) {
                    consumer.seek(partition, next.offset());
                    ahead.put(partition, next);
                } else {
                    // Another notifier got further since: what was settled here is old news, and committing it at
                    // the next handover would move the partition back (and send everything since again).
                    settled.remove(partition, next);
                }
            }
            if (!ahead.isEmpty()) {
                log.info("outbox: settled here but not committed, not sent again: {}", ahead.entrySet().stream()
                        .map(next -> next.getKey() + " from " + next.getValue().offset()).toList());
                consumer.commitSync(ahead);
            }
        } catch (RuntimeException e) {
            log.warn("outbox: cannot compare committed offsets with those settled here ({}): they may be sent again",
                    e.toString());
        }
    }

    private void commitSettled(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, String why) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata next = settled.get(partition);
            if (next != null) {
                offsets.put(partition, next);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            // Only forward: a partition held here before, lost, and taken back without a record taken since still
            // has its old settled offset here, while its committed offset moved on with another notifier.
            consumer.committed(Set.copyOf(offsets.keySet())).forEach((partition, committed) -> {
                if (committed != null && committed.offset() >= offsets.get(partition).offset()) {
                    offsets.remove(partition);
                    settled.remove(partition);
                }
            });
            if (!offsets.isEmpty()) {
                consumer.commitSync(offsets);
            }
        } catch (RuntimeException e) {
            log.warn("outbox: cannot commit what was settled before {} {} ({}): the next owner may send it again",
                    why, offsets.keySet(), e.toString());
        }
    }
}
