package io.contactdesk.notifier.broadcast;

import io.contactdesk.contracts.topics.TopicFollower;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the readers of the broadcast topics and the progress job with the application: started before the listener
 * containers (so the bulk lane soon knows which broadcasts are cancelled), stopped after them.
 */
final class BroadcastTracking implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BroadcastTracking.class);

    private final List<TopicFollower> readers;
    private final BroadcastBoard board;
    private final ProgressReporter progress;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    BroadcastTracking(List<TopicFollower> readers, BroadcastBoard board, ProgressReporter progress,
            Duration interval) {
        this.readers = readers;
        this.board = board;
        this.progress = progress;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        readers.forEach(TopicFollower::start);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notifier-broadcast-progress");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.execute(this::awaitReaders);
        scheduler.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private void awaitReaders() {
        try {
            for (TopicFollower reader : readers) {
                while (!reader.awaitCaughtUp(Duration.ofMinutes(1))) {
                    log.warn("still reading the broadcast topics; bulk messages of broadcasts wait meanwhile");
                }
            }
            board.loaded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void tick() {
        try {
            progress.tick();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again.
            log.warn("broadcast progress failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        readers.forEach(TopicFollower::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Listener containers run in phase Integer.MAX_VALUE - 100: start before them, stop after them.
        return Integer.MAX_VALUE - 200;
    }
}
