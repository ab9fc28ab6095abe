package io.contactdesk.notifier.broadcast;

import io.contactdesk.contracts.events.BroadcastControl;
import io.contactdesk.contracts.events.BroadcastShard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What this notifier knows of broadcasts, from the compacted {@code ops.broadcast-shards} and {@code ops.broadcasts}
 * read into memory: each broadcast's shards (recipients per processor task) and which were cancelled.
 */
public final class BroadcastBoard {

    private final Map<String, Map<Integer, BroadcastShard>> shards = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final CountDownLatch loaded = new CountDownLatch(1);

    /** Both topics were read up to where they ended at start. */
    void loaded() {
        loaded.countDown();
    }

    /**
     * Waits until both topics were read up to where they ended at start: before that, a cancelled broadcast could
     * look running.
     *
     * @return false when they were not read within {@code timeout}
     */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    /** The latest shard of a key; {@code key} is {@code <broadcastId>/<partition>}, null value a tombstone. */
    void shard(String key, BroadcastShard shard) {
        if (shard == null) {
            int slash = key == null ? -1 : key.lastIndexOf('/');
            if (slash > 0) {
                Map<Integer, BroadcastShard> of = shards.get(key.substring(0, slash));
                if (of != null) {
                    try {
                        of.remove(Integer.parseInt(key.substring(slash + 1)));
                    } catch (NumberFormatException ignored) {
                        // Not a key the processor writes: nothing of ours to forget.
                    }
                }
            }
            return;
        }
        shards.computeIfAbsent(shard.broadcastId(), id -> new ConcurrentHashMap<>()).put(shard.partition(), shard);
    }

    /** The latest decision about a broadcast, keyed by its id; a tombstone forgets it. */
    void control(String broadcastId, BroadcastControl control) {
        if (control == null || !control.cancelled()) {
            if (broadcastId != null) {
                cancelled.remove(broadcastId);
            }
            return;
        }
        cancelled.add(control.broadcastId());
    }

    public boolean cancelled(String broadcastId) {
        return cancelled.contains(broadcastId);
    }

    /** Every broadcast with at least one shard, as its shards add up so far. */
    List<BroadcastTotals> broadcasts() {
        return shards.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> BroadcastTotals.of(entry.getKey(), entry.getValue().values()))
                .toList();
    }
}
