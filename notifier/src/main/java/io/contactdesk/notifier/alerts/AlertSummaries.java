package io.contactdesk.notifier.alerts;

import io.contactdesk.notifier.database.NotifierDatabase;
import io.contactdesk.notifier.lifecycle.PeriodicJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the summaries of fold windows that are over: "×37 in the last 5 min: …", every {@code summary-interval}
 * ({@link #every}). The claim commits before the sends, so a summary is sent at most once by all notifiers together.
 */
final class AlertSummaries {

    private static final Logger log = LoggerFactory.getLogger(AlertSummaries.class);

    private final AlertFolds folds;
    private final NotifierDatabase database;
    private final AdminMessages admins;
    private final Clock clock;
    private final Duration interval;

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

    /** Sends what is due every interval, with the application. */
    PeriodicJob every() {
        return new PeriodicJob("notifier-alert-summaries", interval, this::sendDue,
                // A failure of one run (the database answered but a send threw) waits for the next.
                e -> log.warn("alert summaries failed: {}", e.toString()));
    }
}
