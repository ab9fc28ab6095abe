package io.contactdesk.notifier.delivery;

import io.contactdesk.notifier.lifecycle.StoppableWaits;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits that end as soon as the service stops. Its phase stops it before the listener containers, so a
 * record waiting out a backoff is abandoned uncommitted at once instead of holding up shutdown.
 */
final class StoppablePause extends StoppableWaits implements Pause {

    @Override
    public boolean sleep(Duration duration) {
        try {
            return awaitUnlessStopping(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
