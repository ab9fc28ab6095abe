package io.contactdesk.notifier.reconciliation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Looks every minute (or every interval, if shorter) for a period whose check is due; the claim in PostgreSQL makes
 * that one cheap statement on every notifier but the one that checks. A check that failed (Bot API or database away)
 * is taken up again once its claim timed out.
 */
final class ReconciliationSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);
    private static final Duration LOOK_EVERY = Duration.ofMinutes(1);

    private final StarReconciliation reconciliation;
    private final Duration every;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    ReconciliationSchedule(StarReconciliation reconciliation, Duration interval) {
        this.reconciliation = reconciliation;
        this.every = interval.compareTo(LOOK_EVERY) < 0 ? interval : LOOK_EVERY;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notifier-reconciliation");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runDueSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private void runDueSafely() {
        try {
            reconciliation.runDue();
        } catch (Exception e) {
            // WARN, not ERROR: an outage is alerted by its own signals; the check runs again after its claim timed out.
            // A scheduled task that throws is never run again.
            log.warn("Stars reconciliation failed, taken up again within {}: {}", StarReconciliation.CLAIM_TIMEOUT,
                    e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
