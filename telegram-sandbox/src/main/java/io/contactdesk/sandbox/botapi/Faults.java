package io.contactdesk.sandbox.botapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Armed faults: the next {@code count} calls of a method answer with the fault instead of working; and record faults,
 * which change what the next {@code count} successful {@code sendMessage} calls leave in the chat.
 */
public final class Faults {

    private final Map<String, Armed> armed = new HashMap<>();
    private final Deque<RecordFault> recordFaults = new ArrayDeque<>();
    private long lateMillis = 20_000;

    public synchronized void arm(Fault fault, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        armed.put(key(fault.method()), new Armed(fault, count));
    }

    /**
     * @param lateMillis how long a {@link RecordFault#LATE} answer is held back (ignored for the other effects, or
     *                   when null)
     */
    public synchronized void armRecording(RecordFault effect, int count, Long lateMillis) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (lateMillis != null) {
            if (lateMillis < 0) {
                throw new IllegalArgumentException("delay_ms must not be negative");
            }
            this.lateMillis = lateMillis;
        }
        for (int i = 0; i < count; i++) {
            recordFaults.add(effect);
        }
    }

    public synchronized void clear() {
        armed.clear();
        recordFaults.clear();
    }

    /** Uses up the next record fault, if any; called by a {@code sendMessage} that is about to succeed. */
    synchronized Optional<RecordFault> nextRecording() {
        return Optional.ofNullable(recordFaults.poll());
    }

    synchronized long lateMillis() {
        return lateMillis;
    }

    /** Uses up one armed call of the method, if any. */
    synchronized Optional<Fault> next(String method) {
        Armed fault = armed.get(key(method));
        if (fault == null) {
            return Optional.empty();
        }
        if (fault.remaining == 1) {
            armed.remove(key(method));
        } else {
            armed.put(key(method), new Armed(fault.fault, fault.remaining - 1));
        }
        return Optional.of(fault.fault);
    }

    // Telegram method names are case-insensitive.
    private static String key(String method) {
        return method.toLowerCase(Locale.ROOT);
    }

    private record Armed(Fault fault, int remaining) {
    }
}
