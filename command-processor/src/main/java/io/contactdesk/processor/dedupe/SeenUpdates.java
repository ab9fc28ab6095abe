package io.contactdesk.processor.dedupe;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The update ids this task has already handled. Telegram can hand an update out twice (a poller that died before
 * confirming it), so an id seen before is dropped. Ids are remembered as long as {@code tg.updates} keeps records.
 */
public final class SeenUpdates {

    public static final String STORE = "seen-updates";
    public static final Duration REMEMBERED_FOR = Duration.ofDays(7);

    private final KeyValueStore<Long, Long> store;

    public SeenUpdates(KeyValueStore<Long, Long> store) {
        this.store = store;
    }

    /** Records the id; false when it had been seen already. */
    public boolean firstTime(long updateId, Instant at) {
        if (store.get(updateId) != null) {
            return false;
        }
        store.put(updateId, at.toEpochMilli());
        return true;
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
