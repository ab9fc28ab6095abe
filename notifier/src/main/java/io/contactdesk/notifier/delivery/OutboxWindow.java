package io.contactdesk.notifier.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of {@code tg.outbox} taken from the consumer and not finished yet, per partition. Records finish out of
 * order (each chat goes at its own pace), so a partition's offset may be committed only up to its lowest unfinished
 * record: a restart then repeats what was in flight, and never skips a record that was not sent. The window is
 * bounded per partition: a partition that holds {@code perPartition} unfinished records is not fetched from until
 * some finish, so one chat flooded with replies cannot fill the notifier's memory.
 *
 * <p>The records finished above the lowest unfinished one are kept too: the commit carries them ({@link SettledAbove}),
 * so that the partition's next owner does not send them again.
 *
 * <p>The consumer's thread takes records and reads the offsets; delivery threads finish them.
 */
final class OutboxWindow {

    private final int perPartition;
    private final Map<TopicPartition, Progress> partitions = new HashMap<>();

    OutboxWindow(int perPartition) {
        this.perPartition = perPartition;
    }

    synchronized void taken(TopicPartition partition, long offset) {
        partitions.computeIfAbsent(partition, p -> new Progress()).unfinished.add(offset);
    }

    /** Delivered, dead-lettered or refused by a blocked user. Ignored for a partition handed over meanwhile. */
    synchronized void finished(TopicPartition partition, long offset) {
        Progress progress = partitions.get(partition);
        if (progress != null && progress.unfinished.remove(offset)) {
            progress.finishedAbove.add(offset);
            if (progress.unfinished.isEmpty()) {
                progress.finishedAbove.clear();
            } else {
                progress.finishedAbove.headSet(progress.unfinished.first()).clear();
            }
        }
    }

    /** The lowest offset of {@code partition} not finished yet; empty when every record taken is finished. */
    synchronized OptionalLong lowestUnfinished(TopicPartition partition) {
        Progress progress = partitions.get(partition);
        return progress == null || progress.unfinished.isEmpty()
                ? OptionalLong.empty() : OptionalLong.of(progress.unfinished.first());
    }

    /** The records of {@code partition} finished above its lowest unfinished one. */
    synchronized SortedSet<Long> finishedAbove(TopicPartition partition) {
        Progress progress = partitions.get(partition);
        return progress == null ? new TreeSet<>() : new TreeSet<>(progress.finishedAbove);
    }

    synchronized boolean full(TopicPartition partition) {
        Progress progress = partitions.get(partition);
        return progress != null && progress.unfinished.size() >= perPartition;
    }

    synchronized int inFlight() {
        return partitions.values().stream().mapToInt(progress -> progress.unfinished.size()).sum();
    }

    /** The partitions went to another consumer: their records are no longer this consumer's to finish. */
    synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(this.partitions::remove);
    }

    private static final class Progress {
        final NavigableSet<Long> unfinished = new TreeSet<>();
        final NavigableSet<Long> finishedAbove = new TreeSet<>();
    }
}
