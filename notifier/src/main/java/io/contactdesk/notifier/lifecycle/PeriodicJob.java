package io.contactdesk.notifier.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a job every {@code every} (the first run one interval after start) on a daemon thread of its own, from the
 * application's start to its stop. A run that throws is handed to {@code failed} and the next run still comes: a bare
 * {@code ScheduledExecutorService} never runs a task again once it threw.
 */
public final class PeriodicJob implements SmartLifecycle {

    /** One run of the job; what it throws is reported, never ends the schedule. */
    @FunctionalInterface
    public interface Job {
        void run() throws Exception;
    }

    private final String name;
    private final Duration every;
    private final Job job;
    private final Consumer<Exception> failed;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    /** @param name the thread's, e.g. {@code notifier-alert-summaries} */
    public PeriodicJob(String name, Duration every, Job job, Consumer<Exception> failed) {
        this.name = name;
        this.every = every;
        this.job = job;
        this.failed = failed;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    void runOnce() {
        try {
            job.run();
        } catch (Exception e) {
            failed.accept(e);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
