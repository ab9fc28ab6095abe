package io.contactdesk.notifier.lifecycle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Waits that end as soon as the service stops. Its phase stops it before the listener containers, so a record
 * that is waiting (out a backoff, for a flood-control permit) is abandoned uncommitted at once instead of holding
 * up shutdown.
 */
public abstract class StoppableWaits implements SmartLifecycle {

    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;

    /**
     * Waits {@code timeout}, or less when the service stops meanwhile.
     *
     * @return false when the service is stopping: the caller must give up
     * @throws InterruptedException when the calling thread is interrupted
     */
    protected final boolean awaitUnlessStopping(long timeout, TimeUnit unit) throws InterruptedException {
        return !stopping.await(timeout, unit);
    }

    @Override
    public final void start() {
        running = true;
    }

    /** Ends every wait at once, and every wait after. */
    @Override
    public final void stop() {
        running = false;
        stopping.countDown();
    }

    @Override
    public final boolean isRunning() {
        return running;
    }

    @Override
    public final int getPhase() {
        // Listener containers stop at Integer.MAX_VALUE - 100; this must stop first.
        return Integer.MAX_VALUE;
    }
}
