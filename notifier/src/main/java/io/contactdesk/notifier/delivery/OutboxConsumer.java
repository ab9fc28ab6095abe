package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.retry.ExponentialBackoff;
import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes {@code tg.outbox}: one thread fetches, {@link ChatQueues} delivers, each chat's replies in order and
 * different chats side by side, so a chat held back by its flood limit (1 message a second) holds up no other chat of
 * its partition. A partition's offset is committed up to its lowest unfinished record ({@link OutboxWindow}): a crash
 * repeats what was in flight and never skips a reply.
 *
 * <p>A partition handed over in a rebalance is closed first ({@link PartitionTurn}): its records that have not
 * called are left to the next owner, those that did are waited for, and what was settled is committed before the
 * partition goes ({@link OutboxAssignment}, which also starts a partition that comes back behind what was settled here
 * after it). The consumer's thread never waits for a call, except at such a handover.
 *
 * <p>Each settled record is also written to PostgreSQL ({@link SettledJournal}); a partition's new owner skips the
 * records above its committed offset that the journal names, so a notifier killed while its commits could not land
 * (the broker away) does not leave its replies to be sent again.
 */
final class OutboxConsumer implements SmartLifecycle {

    static final String CLIENT_ID = "notifier-outbox";
    /** Gauge: records taken and not settled yet. */
    static final String IN_FLIGHT = "contactdesk.outbox.in_flight";
    private static final Logger log = LoggerFactory.getLogger(OutboxConsumer.class);
    // Records are handed to the delivery threads as soon as a poll returns them; the timeout only sets how often the
    // offsets of records finished meanwhile are committed while nothing new arrives.
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    // A record that could not be settled (its dead letter not written, no flood permit in time) is offered again,
    // for as long as it takes and never skipped; its chat's later replies wait behind it.
    private static final ExponentialBackoff RETRY = new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private static final NavigableSet<Long> NONE_INHERITED = Collections.emptyNavigableSet();

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final OutboxRecordHandler handler;
    private final OutboxAssignment assignment;
    private final OutboxSettings settings;
    private final Duration longestRecord;
    private final Pause pause;
    private final OutboxWindow window;
    private final SettledJournal journal;
    private final Map<TopicPartition, PartitionTurn> turns = new ConcurrentHashMap<>();
    // The consumer's thread only: the partitions it took records from in their current assignment, with what it last
    // committed for each (null: nothing yet); and the records above each one's committed offset that an earlier owner
    // settled (SettledAbove), not to be sent again.
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final Map<TopicPartition, NavigableSet<Long>> settledBefore = new HashMap<>();
    // The consumer's thread only: records above each partition's committed offset that the journal names as settled,
    // offset to Kafka timestamp.
    private final Map<TopicPartition, Map<Long, Long>> journaled = new HashMap<>();
    private volatile boolean stopping;
    private volatile boolean running;
    private Consumer<String, byte[]> consumer;
    private ThreadPoolExecutor threads;
    private ChatQueues chats;
    private Thread poller;

    /**
     * @param longestRecord the longest one record may take (its flood waits and retries, then its last call): how
     *     long a handover waits for the records that called
     */
    OutboxConsumer(Supplier<Consumer<String, byte[]>> consumers, OutboxRecordHandler handler,
            OutboxAssignment assignment, SettledJournal journal, OutboxSettings settings, Duration longestRecord,
            Pause pause) {
        this.consumers = consumers;
        this.journal = journal;
        this.handler = handler;
        this.assignment = assignment;
        this.settings = settings;
        this.longestRecord = longestRecord;
        this.pause = pause;
        this.window = new OutboxWindow(settings.windowPerPartition());
    }

    /** Records taken and not finished, all partitions together. */
    int inFlight() {
        return window.inFlight();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        AtomicInteger number = new AtomicInteger();
        threads = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, CLIENT_ID + "-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        chats = new ChatQueues(threads);
        consumer = consumers.get();
        stopping = false;
        poller = new Thread(this::run, CLIENT_ID + "-consumer");
        poller.start();
        running = true;
    }

    @Override
    public void stop() {
        Thread polling;
        synchronized (this) {
            if (!running) {
                return;
            }
            stopping = true;
            polling = poller;
        }
        consumer.wakeup();
        try {
            // A call under way ends within its timeout; the records waiting for permits or retries end at once.
            polling.join(longestRecord.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // As the listener containers: stopped after the waits (StoppableWaits), which end the records' waits at once.
        return Integer.MAX_VALUE - 100;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.OUTBOX.name()), new Handover());
            int failures = 0;
            while (!stopping) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        take(record);
                    }
                    fetchWhereThereIsRoom();
                    commitSettled(consumer.assignment());
                    failures = 0;
                } catch (WakeupException e) {
                    // stop() woke the poll: the loop ends.
                } catch (RuntimeException e) {
                    failures++;
                    Duration wait = RETRY.delay(failures, ThreadLocalRandom.current().nextDouble());
                    log.warn("outbox: consuming failed ({}), again in {} ms", e.toString(), wait.toMillis());
                    if (!pause.sleep(wait)) {
                        break;
                    }
                }
            }
        } finally {
            shutDown();
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionTurn turn = turns.get(partition);
        if (turn == null) {
            return; // records come only from assigned partitions, each of which has its turn
        }
        window.taken(partition, record.offset());
        committed.putIfAbsent(partition, null);
        NavigableSet<Long> settled = settledBefore.get(partition);
        if (settled != null && settled.remove(record.offset())) {
            // Sent (or dead-lettered) by this partition's earlier owner after a record below it that was not.
            window.finished(partition, record.offset());
            return;
        }
        Map<Long, Long> inJournal = journaled.get(partition);
        if (inJournal != null && inJournal.containsKey(record.offset())
                && inJournal.remove(record.offset()) == record.timestamp()) {
            // Settled by an earlier owner (or this notifier before a restart) after its last commit that landed.
            window.finished(partition, record.offset());
            return;
        }
        // The outbox is keyed by chat; a record without a key keeps its partition's order.
        String chat = record.key() != null ? record.key() : "partition:" + record.partition();
        chats.submit(chat, () -> deliver(record, partition, turn));
    }

    /** On a delivery thread, in its chat's turn. */
    private void deliver(ConsumerRecord<String, byte[]> record, TopicPartition partition, PartitionTurn turn) {
        PartitionTurn.RecordTurn lane = turn.forRecord();
        try {
            int retries = 0;
            while (!stopping && lane.mayGoOn()) {
                try {
                    handler.handle(record, lane);
                    journal.settled(partition, record.offset(), record.timestamp());
                    lane.finish(() -> window.finished(partition, record.offset()));
                    return;
                } catch (OutboxDelivery.DeliveryStoppedException e) {
                    return; // left unfinished: sent after a restart, or by the partition's next owner
                } catch (RuntimeException e) {
                    retries++;
                    Duration wait = RETRY.delay(retries, ThreadLocalRandom.current().nextDouble());
                    log.warn("outbox record {} chat {}: not settled ({}), offered again in {} ms",
                            OutboxRecords.where(record), record.key(), e.toString(), wait.toMillis());
                    if (!pause.sleep(wait)) {
                        return;
                    }
                }
            }
        } finally {
            lane.leave();
        }
    }

    /** A partition with a full window is not fetched from until some of its records finish. */
    private void fetchWhereThereIsRoom() {
        List<TopicPartition> full = new ArrayList<>();
        List<TopicPartition> room = new ArrayList<>();
        for (TopicPartition partition : consumer.assignment()) {
            (window.full(partition) ? full : room).add(partition);
        }
        consumer.pause(full);
        Set<TopicPartition> paused = consumer.paused();
        room.retainAll(paused);
        consumer.resume(room);
    }

    /**
     * Commits each partition up to its lowest unfinished record; when every record taken is finished, up to the
     * consumer's position, which lies past the processor's transaction markers (they take offsets but are no
     * records; committing below them would show the notifier one behind for ever).
     */
    private void commitSettled(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (!committed.containsKey(partition)) {
                continue; // nothing taken from it in this assignment
            }
            OffsetAndMetadata next = settledUpTo(partition);
            if (!next.equals(committed.get(partition))) {
                // Remembered first: should the commit fail, it is committed again before a handover.
                assignment.settled(partition, next);
                offsets.put(partition, next);
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            committed.putAll(offsets);
            offsets.forEach((partition, next) -> journal.committed(partition, next.offset()));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("outbox: cannot commit {} ({}), trying again", offsets.keySet(), e.toString());
        }
    }

    /**
     * The lowest unfinished record of {@code partition} (or its position), with those settled above it: finished here,
     * or settled by an earlier owner and not fetched yet ({@link SettledAbove#commitPoint}).
     */
    private OffsetAndMetadata settledUpTo(TopicPartition partition) {
        OptionalLong lowest = window.lowestUnfinished(partition);
        SortedSet<Long> above = window.finishedAbove(partition);
        NavigableSet<Long> inherited = settledBefore.getOrDefault(partition, NONE_INHERITED);
        OffsetAndMetadata next = SettledAbove.commitPoint(lowest, above, inherited,
                lowest.isPresent() ? -1 : consumer.position(partition));
        SortedSet<Long> settled = new TreeSet<>(above);
        settled.addAll(inherited);
        if (SettledAbove.overflows(next.offset(), settled)) {
            log.warn("outbox: {} has records settled too far above its lowest unsettled one ({}) to be committed: a "
                    + "handover would send the farthest again", partition, next.offset());
        }
        return next;
    }

    /** Closes the partitions' turns and waits, at most {@code bound}, for the records that called to finish. */
    private void handOver(Collection<TopicPartition> partitions, Duration bound) {
        for (TopicPartition partition : partitions) {
            PartitionTurn turn = turns.get(partition);
            try {
                if (turn != null && !turn.handOver(bound) && !bound.isZero()) {
                    log.warn("outbox: {} handed over with a call still under way after {} s: it may be sent again",
                            partition, bound.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        window.forget(partitions);
        partitions.forEach(partition -> {
            turns.remove(partition);
            committed.remove(partition);
            settledBefore.remove(partition);
            journaled.remove(partition);
        });
    }

    private void shutDown() {
        try {
            Set<TopicPartition> held = consumer.assignment();
            handOver(held, longestRecord);
            commitSettled(held);
        } catch (RuntimeException e) {
            log.warn("outbox: cannot commit what was settled before stopping ({}): it may be sent again",
                    e.toString());
        } finally {
            threads.shutdownNow();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Runs on the consumer's thread, inside {@code poll}. */
    private final class Handover implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            handOver(partitions, longestRecord);
            for (TopicPartition partition : partitions) {
                if (committed.containsKey(partition)) {
                    assignment.settled(partition, settledUpTo(partition));
                }
            }
            assignment.onPartitionsRevokedBeforeCommit(consumer, partitions);
            forget(partitions);
            assignment.onPartitionsRevokedAfterCommit(consumer, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another consumer may hold them already: nothing can be committed, and no call waited for.
            handOver(partitions, Duration.ZERO);
            forget(partitions);
            assignment.onPartitionsLost(consumer, partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                turns.put(partition, new PartitionTurn());
            }
            assignment.onPartitionsAssigned(consumer, partitions);
            readSettledBefore(partitions);
        }

        /**
         * What the partitions' earlier owners settled above their committed offsets: in the commit's metadata
         * ({@link SettledAbove}) and in the journal ({@link SettledJournal}).
         */
        private void readSettledBefore(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> offsets;
            try {
                offsets = consumer.committed(Set.copyOf(partitions));
            } catch (RuntimeException e) {
                log.warn("outbox: cannot read what was settled on {} before ({}): it may be sent again", partitions,
                        e.toString());
                return;
            }
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = offsets.get(partition);
                if (offset != null) {
                    NavigableSet<Long> settled = SettledAbove.decode(offset.offset(), offset.metadata());
                    if (!settled.isEmpty()) {
                        settledBefore.put(partition, new TreeSet<>(settled));
                    }
                }
                from.put(partition, offset == null ? 0 : offset.offset());
            }
            Map<TopicPartition, Integer> skipped = new HashMap<>();
            journal.settledFrom(from).forEach((partition, inJournal) -> {
                journaled.put(partition, inJournal);
                skipped.put(partition, inJournal.size());
            });
            if (!skipped.isEmpty()) {
                log.info("outbox: records settled above the committed offset before, not sent again: {}", skipped);
            }
        }
    }
}
