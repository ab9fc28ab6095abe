package io.contactdesk.poller.ingress;

import java.time.Duration;

/** Exponential backoff between failed attempts, reset by a success. */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    public synchronized Duration next() {
        Duration wait = current;
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    public synchronized void reset() {
        current = initial;
    }
}
