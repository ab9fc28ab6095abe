package io.contactdesk.notifier.alerts;

import io.contactdesk.contracts.events.OpsAlert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Alert repeats folded per fingerprint in {@code alert_folds}, shared by all notifiers. One upsert per alert decides
 * atomically, under the row's lock: the first of a fingerprint, or the first after a quiet window (nothing counted,
 * window over), is sent at once and opens a window; anything else is counted. A summary job claims windows that are
 * over and have counts ({@code UPDATE … RETURNING} under {@code SKIP LOCKED}, so one notifier sends each) and opens
 * the next window.
 */
final class AlertFolds {

    // Every CASE reads the row as it was: the same condition decides all columns of the one statement.
    private static final String QUIET = "f.count_in_window = 0 AND f.window_started_at <= ?";
    private static final String FOLD = "INSERT INTO alert_folds AS f (fingerprint, first_sent_at, sent_alert_id, "
            + "window_started_at, count_in_window, last_message, service) VALUES (?, ?, ?, ?, 0, ?, ?) "
            + "ON CONFLICT (fingerprint) DO UPDATE SET "
            + "first_sent_at = CASE WHEN " + QUIET + " THEN EXCLUDED.first_sent_at ELSE f.first_sent_at END, "
            + "sent_alert_id = CASE WHEN " + QUIET + " THEN EXCLUDED.sent_alert_id ELSE f.sent_alert_id END, "
            + "window_started_at = CASE WHEN " + QUIET + " THEN EXCLUDED.window_started_at ELSE f.window_started_at END, "
            + "count_in_window = CASE WHEN " + QUIET + " THEN 0 ELSE f.count_in_window + 1 END, "
            + "last_message = EXCLUDED.last_message, service = EXCLUDED.service "
            // A redelivered alert that was sent before is counted, not sent twice: its window is an old one.
            + "RETURNING f.sent_alert_id = ? AND f.window_started_at = ? AND f.count_in_window = 0";
    private static final String CLAIM_DUE = "UPDATE alert_folds f SET count_in_window = 0, window_started_at = ? "
            + "FROM (SELECT fingerprint, count_in_window FROM alert_folds "
            + "WHERE count_in_window > 0 AND window_started_at <= ? FOR UPDATE SKIP LOCKED) due "
            + "WHERE f.fingerprint = due.fingerprint "
            + "RETURNING f.fingerprint, due.count_in_window, f.service, f.last_message";

    /** What to do with one alert. */
    enum AlertAction { SEND_NOW, COUNTED }

    /** A window's repeats of one fingerprint, claimed for its summary. */
    record Summary(String fingerprint, long count, String service, String lastMessage) {
    }

    private final Duration window;

    AlertFolds(Duration window) {
        this.window = window;
    }

    /** Folds one alert on {@code connection}, in the caller's transaction. */
    AlertAction fold(Connection connection, OpsAlert alert, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        Timestamp windowOver = Timestamp.from(now.minus(window));
        try (PreparedStatement upsert = connection.prepareStatement(FOLD)) {
            int i = 1;
            upsert.setString(i++, alert.fingerprint());
            upsert.setTimestamp(i++, at);
            upsert.setString(i++, alert.alertId());
            upsert.setTimestamp(i++, at);
            upsert.setString(i++, alert.message());
            upsert.setString(i++, alert.service());
            for (int quiet = 0; quiet < 4; quiet++) {
                upsert.setTimestamp(i++, windowOver);
            }
            upsert.setString(i++, alert.alertId());
            upsert.setTimestamp(i, at);
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                return row.getBoolean(1) ? AlertAction.SEND_NOW : AlertAction.COUNTED;
            }
        }
    }

    /** Claims the windows that are over and counted repeats, and opens the next window of each. */
    List<Summary> claimDue(Connection connection, Instant now) throws SQLException {
        List<Summary> due = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_DUE)) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setTimestamp(2, Timestamp.from(now.minus(window)));
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    due.add(new Summary(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4)));
                }
            }
        }
        return due;
    }

    Duration window() {
        return window;
    }
}
