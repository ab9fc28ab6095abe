package io.contactdesk.notifier.alerts;

import io.contactdesk.notifier.database.NotifierDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code summary-interval}, sends the summaries of fold windows that are over: "×37 in the last 5 min: …". The
 * claim commits before the sends, so a summary is sent at most once by all notifiers together.
 */
final class AlertSummaries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertSummaries.class);

    private final AlertFolds folds;
    private final NotifierDatabase database;
    private final AdminMessages admins;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    AlertSummaries(AlertFolds folds, NotifierDatabase database, AdminMessages admins, Clock clock, Duration interval) {
        this.folds = folds;
        this.database = database;
        this.admins = admins;
        this.clock = clock;
        this.interval = interval;
    }

    void sendDue() {
        List<AlertFolds.Summary> due;
        try (Connection connection = database.connection()) {
            due = folds.claimDue(connection, clock.instant());
        } catch (SQLException | RuntimeException e) {
            log.warn("cannot claim alert summaries, trying again in {}: {}", interval, e.toString());
            return;
        }
        for (AlertFolds.Summary summary : due) {
            admins.send(AlertText.summary(summary, folds.window()));
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notifier-alert-summaries");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sendDueSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        running = true;
    }

    private void sendDueSafely() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again.
            log.warn("alert summaries failed: {}", e.toString());
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
