package io.contactdesk.contracts.topics;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Commits a listener container's offsets past the transaction markers it has read, once it is idle, so that a group
 * that read everything shows no lag. A transaction ends in a commit marker that takes an offset but is no record: a
 * container commits the offset after its last record, one short of the end of each partition, for ever.
 *
 * <p>spring-kafka's own remedy ({@code ContainerProperties.setFixTxOffsets}) asks the broker for the committed offsets
 * of every partition it ever fetched without records of its own after every poll, for as long as it runs, and each
 * answer for a partition never committed logs an INFO line: in the benchmark, ten lines a second from an idle
 * db-writer. Here the broker is asked only when a partition's position moved since it was last settled, and only while
 * the container is idle (every record it fetched was handled, so its position is what it has read).
 *
 * <p>Opt a container in with {@link #track}; this bean must be in the context to receive its idle events.
 */
public final class TransactionMarkerOffsets {

    /** How long a container receives nothing before it counts as idle (and again, while it stays idle). */
    public static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(TransactionMarkerOffsets.class);

    private final Set<MessageListenerContainer> tracked = ConcurrentHashMap.newKeySet();
    // Per consumer (each used by its own container thread only): the position each partition was last settled at.
    private final Map<Consumer<?, ?>, Map<TopicPartition, Long>> settled = Collections.synchronizedMap(new WeakHashMap<>());

    /** Opts a container in, before it starts: it publishes idle events every {@link #IDLE}. */
    public void track(AbstractMessageListenerContainer<?, ?> container) {
        container.getContainerProperties().setIdleEventInterval(IDLE.toMillis());
        tracked.add(container);
    }

    @EventListener
    public void onIdle(ListenerContainerIdleEvent event) {
        if (event.isPaused() || !tracked.contains(event.getContainer(MessageListenerContainer.class))) {
            return;
        }
        try {
            commitPastMarkers(event.getConsumer());
        } catch (RuntimeException e) {
            // Tried again at the next idle event; the records themselves are committed by the container.
            log.warn("offsets past transaction markers not committed: {}", e.toString());
        }
    }

    /**
     * On the consumer's own thread: commits the position of each assigned partition that moved since it was last
     * settled and lies past its committed offset. Asks the broker nothing when no position moved.
     */
    public void commitPastMarkers(Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> last = settled.computeIfAbsent(consumer, c -> new HashMap<>());
        Set<TopicPartition> assigned = consumer.assignment();
        last.keySet().retainAll(assigned);
        Set<TopicPartition> paused = consumer.paused();
        Map<TopicPartition, Long> moved = new HashMap<>();
        for (TopicPartition partition : assigned) {
            if (paused.contains(partition)) {
                continue;
            }
            long position = consumer.position(partition, COMMIT_TIMEOUT);
            Long was = last.get(partition);
            if (was == null || was != position) {
                moved.put(partition, position);
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(moved.keySet()), COMMIT_TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        moved.forEach((partition, position) -> {
            OffsetAndMetadata current = committed.get(partition);
            // Never committed: nothing was read there either (the records would have been), so nothing to move past.
            if (current != null && position > current.offset()) {
                commit.put(partition, new OffsetAndMetadata(position));
            }
        });
        if (!commit.isEmpty()) {
            consumer.commitSync(commit, COMMIT_TIMEOUT);
        }
        last.putAll(moved);
    }
}
