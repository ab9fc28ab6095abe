package io.contactdesk.notifier.broadcast;

import io.contactdesk.notifier.database.NotifierDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each running broadcast's status message up to date: on every tick (about every 5 s) the counts are read from
 * {@code broadcast_deliveries}, and the admin's message is edited when its text changed, once more at the end.
 *
 * <p>One notifier at a time edits a given message: the one holding the row lock of its {@code broadcast_progress}
 * row ({@code FOR UPDATE SKIP LOCKED}; the others skip it this tick). The text comes from the shared table, so
 * whoever edits next shows the same numbers.
 */
final class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final BroadcastBoard board;
    private final BroadcastLedger ledger;
    private final NotifierDatabase database;
    private final StatusMessage status;
    private final Clock clock;
    // Broadcasts whose final text is shown: never looked at again by this notifier.
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    ProgressReporter(BroadcastBoard board, BroadcastLedger ledger, NotifierDatabase database, StatusMessage status,
            Clock clock) {
        this.board = board;
        this.ledger = ledger;
        this.database = database;
        this.status = status;
        this.clock = clock;
    }

    void tick() {
        if (!board.isLoaded()) {
            return; // Partial shards would show a wrong total.
        }
        for (BroadcastTotals broadcast : board.broadcasts()) {
            if (done.contains(broadcast.broadcastId())) {
                continue;
            }
            try {
                if (report(broadcast)) {
                    done.add(broadcast.broadcastId());
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("broadcast {}: cannot report progress, trying again next time: {}", broadcast.broadcastId(),
                        e.toString());
            }
        }
    }

    /** @return true once the broadcast's final text is shown (by this notifier or another) */
    private boolean report(BroadcastTotals broadcast) throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                boolean finished = report(connection, broadcast);
                connection.commit();
                return finished;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private boolean report(Connection connection, BroadcastTotals broadcast) throws SQLException {
        String id = broadcast.broadcastId();
        Instant now = clock.instant();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO broadcast_progress "
                + "(broadcast_id, status_chat_id, status_message_id, recipients, updated_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (broadcast_id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setLong(2, broadcast.statusChatId());
            insert.setLong(3, broadcast.statusMessageId());
            insert.setLong(4, broadcast.recipients());
            insert.setTimestamp(5, Timestamp.from(now));
            insert.executeUpdate();
        }
        String shown;
        try (PreparedStatement lock = connection.prepareStatement("SELECT finished, last_text FROM broadcast_progress "
                + "WHERE broadcast_id = ? FOR UPDATE SKIP LOCKED")) {
            lock.setString(1, id);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    return false; // Another notifier is editing it right now.
                }
                if (row.getBoolean(1)) {
                    return true;
                }
                shown = row.getString(2);
            }
        }
        BroadcastProgress progress = BroadcastProgress.of(broadcast, ledger.tally(connection, id), board.cancelled(id),
                now);
        String text = ProgressText.of(progress);
        boolean last = progress.state() != BroadcastProgress.State.RUNNING;
        boolean current = text.equals(shown);
        if (!current && broadcast.hasStatusMessage()) {
            StatusMessage.ShowResult result = status.show(broadcast.statusChatId(), broadcast.statusMessageId(), text);
            current = result != StatusMessage.ShowResult.TRY_LATER;
        } else if (!broadcast.hasStatusMessage()) {
            current = true; // Nowhere to show it: only the table keeps the counts.
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE broadcast_progress SET sent = ?, "
                + "blocked = ?, failed = ?, recipients = ?, last_text = CASE WHEN ? THEN ? ELSE last_text END, "
                + "finished = ?, updated_at = ? WHERE broadcast_id = ?")) {
            update.setLong(1, progress.sent());
            update.setLong(2, progress.blocked());
            update.setLong(3, progress.failed());
            update.setLong(4, progress.recipients());
            update.setBoolean(5, current);
            update.setString(6, text);
            update.setBoolean(7, last && current);
            update.setTimestamp(8, Timestamp.from(now));
            update.setString(9, id);
            update.executeUpdate();
        }
        if (last && current) {
            log.info("broadcast {}: {}", id, text);
        }
        return last && current;
    }
}
