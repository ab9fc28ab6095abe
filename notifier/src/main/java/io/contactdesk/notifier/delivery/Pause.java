package io.contactdesk.notifier.delivery;

import java.time.Duration;

/** Waiting between two calls of one record. */
interface Pause {

    /** Waits {@code duration}; false when the service is stopping and the record must be left uncommitted. */
    boolean sleep(Duration duration);
}
