package io.contactdesk.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Waits that end as soon as the service stops. Its phase stops it before the listener containers, so a
 * record waiting out a backoff is abandoned uncommitted at once instead of holding up shutdown.
 */
final class StoppablePause implements Pause, SmartLifecycle {

    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;

    @Override
    public boolean sleep(Duration duration) {
        try {
            return !stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Listener containers stop at Integer.MAX_VALUE - 100; this must stop first.
        return Integer.MAX_VALUE;
    }
}
