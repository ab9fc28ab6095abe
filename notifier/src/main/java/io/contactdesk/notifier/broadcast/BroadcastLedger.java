package io.contactdesk.notifier.broadcast;

import io.contactdesk.notifier.database.NotifierDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * One row per recipient of a broadcast in {@code broadcast_deliveries}: claimed right before the call, settled after
 * it. A message whose row exists is never sent again, by this notifier or any other, so a broadcast resumes after a
 * crash without anyone getting it twice. The price is at-most-once for the few calls under way at a crash: their
 * rows stay {@code sending} and count as failed once older than the claim timeout.
 */
public final class BroadcastLedger {

    /** How a recipient's delivery ended. */
    public enum RecipientOutcome { SENT, BLOCKED, FAILED }

    static final String SENDING = "sending";

    private static final Logger log = LoggerFactory.getLogger(BroadcastLedger.class);

    private final NotifierDatabase database;
    private final Clock clock;
    private final Duration claimTimeout;

    public BroadcastLedger(NotifierDatabase database, Clock clock, Duration claimTimeout) {
        this.database = database;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    /**
     * @return true when this call claimed the message and must send it; false when it was claimed before
     * @throws DataAccessResourceFailureException when the database does not answer: the record must be retried,
     *     never sent unclaimed
     */
    public boolean claim(String outboxId, String broadcastId, long chatId) {
        String sql = "INSERT INTO broadcast_deliveries (outbox_id, broadcast_id, chat_id, outcome, at) "
                + "VALUES (?, ?, ?, '" + SENDING + "', ?) ON CONFLICT (outbox_id) DO NOTHING";
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, outboxId);
            insert.setString(2, broadcastId);
            insert.setLong(3, chatId);
            insert.setTimestamp(4, Timestamp.from(clock.instant()));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot claim broadcast delivery " + outboxId, e);
        }
    }

    /**
     * Records the outcome of a claimed call. A failure here only costs the progress count (the row stays
     * {@code sending}): the call was made, and repeating the record would not make it again.
     */
    public void settle(String outboxId, RecipientOutcome outcome) {
        try (Connection connection = database.connection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE broadcast_deliveries SET outcome = ?, at = ? WHERE outbox_id = ?")) {
            update.setString(1, outcome.name().toLowerCase(Locale.ROOT));
            update.setTimestamp(2, Timestamp.from(clock.instant()));
            update.setString(3, outboxId);
            update.executeUpdate();
        } catch (SQLException e) {
            log.warn("broadcast delivery {}: cannot record outcome {}: {}", outboxId, outcome, e.getMessage());
        }
    }

    /** The counts of one broadcast so far, read on {@code connection} (the progress job's transaction). */
    Tally tally(Connection connection, String broadcastId) throws SQLException {
        Timestamp stale = Timestamp.from(clock.instant().minus(claimTimeout));
        try (PreparedStatement select = connection.prepareStatement("SELECT "
                + "count(*) FILTER (WHERE outcome = 'sent'), "
                + "count(*) FILTER (WHERE outcome = 'blocked'), "
                + "count(*) FILTER (WHERE outcome = 'failed' OR (outcome = '" + SENDING + "' AND at < ?)), "
                + "count(*) FILTER (WHERE outcome = '" + SENDING + "' AND at >= ?), "
                + "min(at) FROM broadcast_deliveries WHERE broadcast_id = ?")) {
            select.setTimestamp(1, stale);
            select.setTimestamp(2, stale);
            select.setString(3, broadcastId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                Timestamp first = row.getTimestamp(5);
                return new Tally(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                        first == null ? null : first.toInstant());
            }
        }
    }

    /**
     * @param failed failed calls, and claims older than the claim timeout (their notifier died mid-call: whether the
     *     user got it is unknown, and nobody will try again)
     * @param inFlight claimed, call under way
     * @param firstAt when the first recipient was claimed or settled, for the rate; null before
     */
    record Tally(long sent, long blocked, long failed, long inFlight, Instant firstAt) {

        long settled() {
            return sent + blocked + failed;
        }
    }
}
