package io.contactdesk.notifier.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of {@code tg.outbox} taken from the consumer and not finished yet, per partition. Records finish out of
 * order (each chat goes at its own pace), so a partition's offset may be committed only up to its lowest unfinished
 * record: a restart then repeats what was in flight, and never skips a record that was not sent. The window is
 * bounded per partition: a partition that holds {@code perPartition} unfinished records is not fetched from until
 * some finish, so one chat flooded with replies cannot fill the notifier's memory.
 *
 * <p>The consumer's thread takes records and reads the offsets; delivery threads finish them.
 */
final class OutboxWindow {

    private final int perPartition;
    private final Map<TopicPartition, NavigableSet<Long>> unfinished = new HashMap<>();

    OutboxWindow(int perPartition) {
        this.perPartition = perPartition;
    }

    synchronized void taken(TopicPartition partition, long offset) {
        unfinished.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
    }

    /** Delivered, dead-lettered or refused by a blocked user. Ignored for a partition handed over meanwhile. */
    synchronized void finished(TopicPartition partition, long offset) {
        NavigableSet<Long> offsets = unfinished.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** The lowest offset of {@code partition} not finished yet; empty when every record taken is finished. */
    synchronized OptionalLong lowestUnfinished(TopicPartition partition) {
        NavigableSet<Long> offsets = unfinished.get(partition);
        return offsets == null || offsets.isEmpty() ? OptionalLong.empty() : OptionalLong.of(offsets.first());
    }

    synchronized boolean full(TopicPartition partition) {
        NavigableSet<Long> offsets = unfinished.get(partition);
        return offsets != null && offsets.size() >= perPartition;
    }

    synchronized int inFlight() {
        return unfinished.values().stream().mapToInt(NavigableSet::size).sum();
    }

    /** The partitions went to another consumer: their records are no longer this consumer's to finish. */
    synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(unfinished::remove);
    }
}
