package io.contactdesk.processor.dedupe;

import io.contactdesk.contracts.events.UpdateRef;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The updates this task has already handled. Telegram can hand an update out twice (a poller that died before
 * confirming it), so an update seen before is dropped. Updates are remembered as long as {@code tg.updates} keeps
 * records.
 *
 * <p>Keyed by {@link UpdateRef#dedupeKey()}, not by the bare update_id: Telegram restarts its ids after a quiet week,
 * and a recycled id in a new ingress epoch is a new update. In epoch 0 the key is the update_id itself, so what the
 * store held before epochs existed still counts.
 */
public final class SeenUpdates {

    public static final String STORE = "seen-updates";
    public static final Duration REMEMBERED_FOR = Duration.ofDays(7);

    private final KeyValueStore<Long, Long> store;

    public SeenUpdates(KeyValueStore<Long, Long> store) {
        this.store = store;
    }

    /** The update was handled before. */
    public boolean before(UpdateRef update) {
        return store.get(update.dedupeKey()) != null;
    }

    /**
     * Records the update as handled: only once its handling succeeded, so an update that failed (and was
     * dead-lettered) is handled when it is replayed.
     */
    public void remember(UpdateRef update, Instant at) {
        store.put(update.dedupeKey(), at.toEpochMilli());
    }

    /** Forgets ids older than the topic's retention: a replay can no longer bring them back. */
    public int forgetBefore(Instant cutoff) {
        int forgotten = 0;
        try (KeyValueIterator<Long, Long> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Long, Long> seen = all.next();
                if (seen.value < cutoff.toEpochMilli()) {
                    store.delete(seen.key);
                    forgotten++;
                }
            }
        }
        return forgotten;
    }
}
