package io.contactdesk.sandbox.botapi;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Armed faults: the next {@code count} calls of a method answer with the fault instead of working. */
public final class Faults {

    private final Map<String, Armed> armed = new HashMap<>();

    public synchronized void arm(Fault fault, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        armed.put(key(fault.method()), new Armed(fault, count));
    }

    public synchronized void clear() {
        armed.clear();
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
