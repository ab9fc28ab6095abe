package io.contactdesk.sandbox.updates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.sandbox.stats.Stats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The bot's pending updates: numbered, confirmed by offset and long-polled, or handed to the webhook sender one at a
 * time ({@link #claim}) and removed once its endpoint answered 2xx. Either way an update no one took within
 * {@link #KEPT_FOR} of arriving (by the sandbox's clock) is dropped, as Telegram drops it.
 */
public final class UpdateQueue {

    /** "Incoming updates are stored on the server until the bot receives them either way, but they will not be kept
     * longer than 24 hours." (Bot API, Getting updates) */
    public static final Duration KEPT_FOR = Duration.ofHours(24);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final LinkedList<PendingUpdate> pending = new LinkedList<>();
    private final Stats stats;
    private final Clock clock;
    private final LongConsumer firstDelivery;
    /** Updates a webhook connection is delivering now, and when a failed one may be tried again. */
    private final Set<Long> inFlight = new HashSet<>();
    private final Map<Long, Instant> retryAt = new HashMap<>();
    private long nextUpdateId;
    private long highestDelivered;
    private boolean closed;

    /** @param firstUpdateId the first id to hand out, or 0 for a random one */
    public UpdateQueue(Stats stats, long firstUpdateId) {
        this(stats, firstUpdateId, Clock.systemUTC(), updateId -> { });
    }

    /**
     * @param clock the sandbox's clock, which decides when an undelivered update expires
     * @param firstDelivery told the id of each update handed out for the first time (by getUpdates or a webhook)
     */
    public UpdateQueue(Stats stats, long firstUpdateId, Clock clock, LongConsumer firstDelivery) {
        this.stats = stats;
        this.clock = clock;
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
            pending.add(new PendingUpdate(id, type, json, clock.instant()));
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
    public Restarted restart(Long firstId) {
        lock.lock();
        try {
            int discarded = pending.size();
            clearLocked();
            nextUpdateId = firstId != null ? firstId : 1 + ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE / 2);
            highestDelivered = nextUpdateId - 1;
            return new Restarted(nextUpdateId, discarded);
        } finally {
            lock.unlock();
        }
    }

    /** What {@link #restart} did: the id the next update gets and how many pending updates it dropped. */
    public record Restarted(long firstId, int discarded) {
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
                expire();
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
            expire();
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    public void clear() {
        lock.lock();
        try {
            clearLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next update for a webhook connection: the lowest id that no other connection is delivering and whose retry
     * time has come. Types outside {@code allowed} are dropped, as Telegram never stores them. It stays pending (and
     * counted) until {@link #delivered} or {@link #retryLater}.
     *
     * @return null when none became available within {@code waitMillis}, or the queue closed
     */
    public PendingUpdate claim(Set<String> allowed, long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        lock.lock();
        try {
            while (!closed) {
                expire();
                pending.removeIf(update -> !allowed.contains(update.type()));
                Instant now = clock.instant();
                for (PendingUpdate update : pending) {
                    Instant due = retryAt.get(update.updateId());
                    if (!inFlight.contains(update.updateId()) && (due == null || !due.isAfter(now))) {
                        inFlight.add(update.updateId());
                        if (update.updateId() > highestDelivered) {
                            highestDelivered = update.updateId();
                            stats.delivered(1);
                            firstDelivery.accept(update.updateId());
                        }
                        return update;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                // Also wakes for a retry time coming due, which no signal announces.
                arrived.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The webhook answered 2xx: the update is confirmed, as by a getUpdates offset above it. */
    public void delivered(long updateId) {
        lock.lock();
        try {
            inFlight.remove(updateId);
            retryAt.remove(updateId);
            pending.removeIf(update -> update.updateId() == updateId);
        } finally {
            lock.unlock();
        }
    }

    /** The webhook failed the update: it stays pending, and no connection takes it before {@code at}. */
    public void retryLater(long updateId, Instant at) {
        lock.lock();
        try {
            inFlight.remove(updateId);
            if (pending.stream().anyMatch(update -> update.updateId() == updateId)) {
                retryAt.put(updateId, at);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void clearLocked() {
        pending.clear();
        retryAt.clear();
    }

    private void expire() {
        Instant cutoff = clock.instant().minus(KEPT_FOR);
        while (!pending.isEmpty() && pending.getFirst().receivedAt().isBefore(cutoff)) {
            PendingUpdate expired = pending.removeFirst();
            retryAt.remove(expired.updateId());
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
                // Pending updates are in id order: confirming takes from the head only, not a walk over a backlog.
                while (!pending.isEmpty() && pending.getFirst().updateId() < offset) {
                    retryAt.remove(pending.removeFirst().updateId());
                }
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
