package io.contactdesk.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when the code under test pauses, and remembers every pause. */
final class FakeTime extends Clock implements Pause {

    private final List<Duration> pauses = new ArrayList<>();
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");
    private boolean stopping;

    @Override
    public boolean sleep(Duration duration) {
        if (stopping) {
            return false;
        }
        pauses.add(duration);
        now = now.plus(duration);
        return true;
    }

    void stop() {
        stopping = true;
    }

    List<Duration> pauses() {
        return pauses;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
