package io.contactdesk.notifier.reconciliation;

import io.contactdesk.notifier.database.NotifierDatabase;
import io.contactdesk.notifier.reconciliation.StarLedgerComparison.Difference;
import io.contactdesk.notifier.reconciliation.StarLedgerComparison.PaymentRow;
import io.contactdesk.notifier.reconciliation.StarLedgerComparison.TelegramTransaction;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.BotApiException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.payments.star.GetStarTransactions;
import org.telegram.telegrambots.meta.api.objects.payments.star.StarTransaction;
import org.telegram.telegrambots.meta.api.objects.payments.transactionpartner.TransactionPartner;
import org.telegram.telegrambots.meta.api.objects.payments.transactionpartner.TransactionPartnerUser;

/**
 * Checks one period of a bot's Stars: claims it in {@code reconciliation_runs} (one notifier of all runs it), reads
 * {@code getStarTransactions} page by page and the {@code payments} rows of the window, compares them
 * ({@link StarLedgerComparison}) and reports any difference as an ERROR log event, which the alerts appender
 * publishes to {@code ops.alerts} and the alerts listener sends to the admins (folded like any alert).
 *
 * <p>Telegram lists transactions oldest first and never reorders them, so each finished run records the offset of
 * the first transaction it needed; the next run pages on from there instead of from the bot's first sale.
 */
final class StarReconciliation {

    private static final Logger log = LoggerFactory.getLogger(StarReconciliation.class);

    static final int PAGE = 100;
    /** A claim whose notifier died mid-check is taken over after this long. */
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(30);
    /** Transactions this long before the window are kept too, to look up rows paid at its start. */
    static final Duration EDGE = Duration.ofHours(1);
    /** The alert names this many charges (an admin's alert shows 500 characters of it); the log has every one. */
    static final int MAX_LISTED = 4;

    private static final String CLAIM = "INSERT INTO reconciliation_runs AS r (bot_id, period_end, claimed_at) "
            + "VALUES (?, ?, ?) ON CONFLICT (bot_id, period_end) DO UPDATE SET claimed_at = EXCLUDED.claimed_at "
            + "WHERE r.finished_at IS NULL AND r.claimed_at <= ? RETURNING r.period_end";
    // Only a check that kept transactions from no later than this one needs: a longer interval set since then
    // reaches further back, and must page from further back.
    private static final String LAST_SCAN_FROM = "SELECT scan_from FROM reconciliation_runs "
            + "WHERE bot_id = ? AND finished_at IS NOT NULL AND scanned_since <= ? ORDER BY period_end DESC LIMIT 1";
    private static final String FINISH = "UPDATE reconciliation_runs SET finished_at = ?, differences = ?, scan_from = ?, scanned_since = ? "
            + "WHERE bot_id = ? AND period_end = ?";
    private static final String ROWS = "SELECT telegram_payment_charge_id, stars, paid_at, refunded_at FROM payments "
            + "WHERE (paid_at >= ? AND paid_at < ?) OR (refunded_at >= ? AND refunded_at < ?) "
            + "OR telegram_payment_charge_id = ANY (?)";

    /** What one check found, for the tests; the alert is the log event. */
    record CheckResult(Instant from, Instant to, List<Difference> differences) {
    }

    private final long botId;
    private final BotApi botApi;
    private final NotifierDatabase database;
    private final ReconciliationSettings settings;
    private final Clock clock;

    StarReconciliation(long botId, BotApi botApi, NotifierDatabase database, ReconciliationSettings settings,
            Clock clock) {
        this.botId = botId;
        this.botApi = botApi;
        this.database = database;
        this.settings = settings;
        this.clock = clock;
    }

    /** The end of the latest period that ended at least the settle delay ago: its check is due. */
    Instant duePeriodEnd(Instant now) {
        long length = settings.interval().toMillis();
        long settled = now.minus(settings.settleDelay()).toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(settled, length) * length);
    }

    /**
     * Checks the period that is due, unless another notifier claimed it (or it was checked already).
     *
     * @return what was found; empty when this notifier did not check
     */
    Optional<CheckResult> runDue() throws SQLException, BotApiException {
        Instant to = duePeriodEnd(clock.instant());
        Instant from = to.minus(settings.interval()).minus(settings.overlap());
        Instant keepFrom = from.minus(EDGE);
        int scanFrom;
        try (Connection connection = database.connection()) {
            if (!claim(connection, to)) {
                return Optional.empty();
            }
            scanFrom = lastScanFrom(connection, keepFrom);
        }
        List<TelegramTransaction> telegram = new ArrayList<>();
        int firstNeeded = readTransactions(scanFrom, keepFrom, telegram);
        List<PaymentRow> rows;
        List<Difference> differences;
        try (Connection connection = database.connection()) {
            rows = rows(connection, from, to, telegram);
            differences = StarLedgerComparison.compare(telegram, rows, from, to);
            finish(connection, to, differences.size(), firstNeeded, keepFrom);
        }
        if (differences.isEmpty()) {
            log.info("Stars reconciliation {} .. {}: {} transactions, {} payments rows, no difference", from, to,
                    telegram.size(), rows.size());
        } else {
            differences.forEach(difference -> log.warn("Stars reconciliation {} .. {}: {}: {} ({})", from, to,
                    difference.chargeId(), difference.kind().meaning, difference.detail()));
            log.error("{}", StarLedgerComparison.describe(differences, from, to, MAX_LISTED));
        }
        return Optional.of(new CheckResult(from, to, differences));
    }

    private boolean claim(Connection connection, Instant periodEnd) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setLong(1, botId);
            claim.setTimestamp(2, Timestamp.from(periodEnd));
            claim.setTimestamp(3, Timestamp.from(now));
            claim.setTimestamp(4, Timestamp.from(now.minus(CLAIM_TIMEOUT)));
            try (ResultSet claimed = claim.executeQuery()) {
                return claimed.next();
            }
        }
    }

    private int lastScanFrom(Connection connection, Instant keepFrom) throws SQLException {
        try (PreparedStatement last = connection.prepareStatement(LAST_SCAN_FROM)) {
            last.setLong(1, botId);
            last.setTimestamp(2, Timestamp.from(keepFrom));
            try (ResultSet row = last.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    /**
     * Pages through the transactions from {@code offset} to the newest, keeping the users' payments and refunds
     * from {@code keepFrom} on.
     *
     * @return the offset of the first transaction kept (or of the end): where the next run may start
     */
    private int readTransactions(int offset, Instant keepFrom, List<TelegramTransaction> kept) throws BotApiException {
        int firstNeeded = -1;
        int position = offset;
        while (true) {
            List<StarTransaction> page = botApi.execute(
                    GetStarTransactions.builder().offset(position).limit(PAGE).build()).getTransactions();
            for (StarTransaction transaction : page) {
                Instant at = Instant.ofEpochSecond(transaction.getDate());
                if (!at.isBefore(keepFrom)) {
                    if (firstNeeded < 0) {
                        firstNeeded = position;
                    }
                    userTransaction(transaction, at).ifPresent(kept::add);
                }
                position++;
            }
            if (page.size() < PAGE) {
                return firstNeeded < 0 ? position : firstNeeded;
            }
        }
    }

    /** A user's invoice payment (the user is the source) or its refund (the user is the receiver); else empty. */
    private static Optional<TelegramTransaction> userTransaction(StarTransaction transaction, Instant at) {
        if (invoicePayment(transaction.getSource())) {
            return Optional.of(new TelegramTransaction(transaction.getId(), transaction.getAmount(), false, at));
        }
        if (invoicePayment(transaction.getReceiver())) {
            return Optional.of(new TelegramTransaction(transaction.getId(), transaction.getAmount(), true, at));
        }
        return Optional.empty();
    }

    private static boolean invoicePayment(TransactionPartner partner) {
        return partner instanceof TransactionPartnerUser user
                && (user.getTransactionType() == null || "invoice_payment".equals(user.getTransactionType()));
    }

    private static List<PaymentRow> rows(Connection connection, Instant from, Instant to,
            List<TelegramTransaction> telegram) throws SQLException {
        List<PaymentRow> rows = new ArrayList<>();
        Array chargeIds = connection.createArrayOf("text",
                telegram.stream().map(TelegramTransaction::chargeId).distinct().toArray());
        try (PreparedStatement select = connection.prepareStatement(ROWS)) {
            select.setTimestamp(1, Timestamp.from(from));
            select.setTimestamp(2, Timestamp.from(to));
            select.setTimestamp(3, Timestamp.from(from));
            select.setTimestamp(4, Timestamp.from(to));
            select.setArray(5, chargeIds);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Timestamp refunded = result.getTimestamp(4);
                    rows.add(new PaymentRow(result.getString(1), result.getLong(2), result.getTimestamp(3).toInstant(),
                            refunded == null ? null : refunded.toInstant()));
                }
            }
        } finally {
            chargeIds.free();
        }
        return rows;
    }

    private void finish(Connection connection, Instant periodEnd, int differences, int scanFrom, Instant keepFrom)
            throws SQLException {
        try (PreparedStatement finish = connection.prepareStatement(FINISH)) {
            finish.setTimestamp(1, Timestamp.from(clock.instant()));
            finish.setInt(2, differences);
            finish.setInt(3, scanFrom);
            finish.setTimestamp(4, Timestamp.from(keepFrom));
            finish.setLong(5, botId);
            finish.setTimestamp(6, Timestamp.from(periodEnd));
            finish.executeUpdate();
        }
    }
}
