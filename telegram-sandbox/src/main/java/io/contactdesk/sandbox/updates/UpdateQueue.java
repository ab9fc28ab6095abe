package io.contactdesk.sandbox.updates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.stats.Stats;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/** The bot's pending updates: numbered, confirmed by offset, and long-polled. */
public final class UpdateQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final LinkedList<PendingUpdate> pending = new LinkedList<>();
    private final Stats stats;
    private final LongConsumer firstDelivery;
    private long nextUpdateId;
    private long highestDelivered;
    private boolean closed;

    /** @param firstUpdateId the first id to hand out, or 0 for a random one */
    public UpdateQueue(Stats stats, long firstUpdateId) {
        this(stats, firstUpdateId, updateId -> { });
    }

    /** @param firstDelivery told the id of each update that getUpdates hands out for the first time */
    public UpdateQueue(Stats stats, long firstUpdateId, LongConsumer firstDelivery) {
        this.stats = stats;
        this.firstDelivery = firstDelivery;
        // Like Telegram, ids do not start at 1: a client that assumes so (or resets to 0) shows up in tests.
        this.nextUpdateId = firstUpdateId > 0 ? firstUpdateId : 100_000 + ThreadLocalRandom.current().nextInt(900_000);
        this.highestDelivered = nextUpdateId - 1;
    }

    /**
     * Adds an update.
     *
     * @param type    the Update field name, e.g. "message"
     * @param payload the object stored under that field
     * @return the update_id given to it
     */
    public long add(String type, JsonNode payload) {
        return add(type, payload, updateId -> { });
    }

    /** As {@link #add(String, JsonNode)}, telling {@code beforeVisible} the new id before any poll can see it. */
    public long add(String type, JsonNode payload, LongConsumer beforeVisible) {
        lock.lock();
        try {
            long id = nextUpdateId++;
            beforeVisible.accept(id);
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("update_id", id);
            json.set(type, payload);
            pending.add(new PendingUpdate(id, type, json));
            arrived.signalAll();
            return id;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts numbering afresh, as Telegram does after a week without updates ("identifier of the next update will be
     * chosen randomly instead of sequentially"), so the next id may be lower than any seen before. Pending updates
     * are discarded: Telegram keeps undelivered updates at most 24 hours, so none survive such a quiet week.
     *
     * @param firstId the next update's id, or null for a random one
     */
    public Restart restart(Long firstId) {
        lock.lock();
        try {
            int discarded = pending.size();
            pending.clear();
            nextUpdateId = firstId != null ? firstId : 1 + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE / 2);
            highestDelivered = nextUpdateId - 1;
            return new Restart(nextUpdateId, discarded);
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #restart} did: the id the next update gets and how many pending updates it dropped. */
    public record Restart(long firstId, int discarded) {
    }

    /**
     * getUpdates' queue semantics, as telegram-bot-api's {@code Client::do_get_updates}: the queue runs from its head
     * (the lowest pending id) to its tail (the id the next update will get).
     *
     * @param offset  null or 0 starts at the head; a positive offset within [head, tail] confirms (drops) every update
     *                below it, and one outside is ignored; negative keeps only the last -offset
     * @param allowed update types the bot wants; others are dropped, as Telegram never stores them
     * @param timeoutMillis how long to wait for a first update when none is pending
     */
    public List<ObjectNode> poll(Long offset, int limit, long timeoutMillis, Set<String> allowed)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            confirm(offset);
            while (true) {
                pending.removeIf(update -> !allowed.contains(update.type()));
                if (!pending.isEmpty() || closed) {
                    return take(limit);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    public void clear() {
        lock.lock();
        try {
            pending.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Releases every waiting poll so that the server can stop without waiting out long timeouts. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void confirm(Long offset) {
        if (offset == null || offset == 0) {
            return;
        }
        if (offset > 0) {
            long head = pending.isEmpty() ? nextUpdateId : pending.getFirst().updateId();
            // Outside the queue, e.g. a poller's stored offset from before the ids restarted lower: Telegram ignores it.
            if (offset >= head && offset <= nextUpdateId) {
                pending.removeIf(update -> update.updateId() < offset);
            }
        } else {
            while (pending.size() > -offset) {
                pending.removeFirst();
            }
        }
    }

    // Updates stay pending until confirmed by a later offset, so a crashed poller sees them again.
    private List<ObjectNode> take(int limit) {
        List<ObjectNode> result = new ArrayList<>();
        Iterator<PendingUpdate> it = pending.iterator();
        int delivered = 0;
        while (it.hasNext() && result.size() < limit) {
            PendingUpdate update = it.next();
            result.add(update.json().deepCopy());
            if (update.updateId() > highestDelivered) {
                highestDelivered = update.updateId();
                delivered++;
                firstDelivery.accept(update.updateId());
            }
        }
        stats.delivered(delivered);
        return result;
    }
}
