package io.contactdesk.sandbox.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters a benchmark or test reads back through {@code GET /sandbox/stats}. */
public final class Stats {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final LongAdder tooManyRequests = new LongAdder();
    private final LongAdder forbidden = new LongAdder();
    private final AtomicLong updatesDelivered = new AtomicLong();
    private final Map<Integer, LongAdder> injected = new ConcurrentHashMap<>();

    public void call(String method) {
        calls.computeIfAbsent(method, m -> new LongAdder()).increment();
    }

    /** Counts the error answers a client has to handle specially: flood waits and blocked users. */
    public void answered(int status) {
        if (status == 429) {
            tooManyRequests.increment();
        } else if (status == 403) {
            forbidden.increment();
        }
    }

    /** An armed fault answered a call (also counted by {@link #answered}): tells injected 429s from flood waits. */
    public void injected(int status) {
        injected.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** Injected fault answers by HTTP status. */
    public Map<Integer, Long> injectedFaults() {
        Map<Integer, Long> sorted = new TreeMap<>();
        injected.forEach((status, count) -> sorted.put(status, count.sum()));
        return sorted;
    }

    public void delivered(int updates) {
        updatesDelivered.addAndGet(updates);
    }

    public Snapshot snapshot(int updatesPending) {
        Map<String, Long> sorted = new TreeMap<>();
        calls.forEach((method, count) -> sorted.put(method, count.sum()));
        return new Snapshot(sorted, tooManyRequests.sum(), forbidden.sum(), updatesPending, updatesDelivered.get());
    }

    /** Field names follow the control API's JSON (snake_case, written by the control handler). */
    public record Snapshot(Map<String, Long> calls, long tooManyRequests, long forbidden,
                           int updatesPending, long updatesDelivered) {
    }
}
