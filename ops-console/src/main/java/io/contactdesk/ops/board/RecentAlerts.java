package io.contactdesk.ops.board;

import io.contactdesk.contracts.events.OpsAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The most recent alerts, folded by fingerprint as the notifier folds them: one row per problem with how often it
 * came and when first and last. Bounded twice: at most {@code maxRows} problems (the one seen longest ago goes), and
 * the alert ids remembered to drop a redelivered alert. Counts cover what this board has read, not all history.
 */
public final class RecentAlerts {

    static final int MAX_MESSAGE = 1_000;
    static final int MAX_STACK_HEAD = 1_500;
    private static final int REMEMBERED_IDS = 5_000;

    /** One folded problem, as the page shows it; times in epoch milliseconds. */
    public record Row(String fingerprint, String severity, String service, String instance, String message,
            String stackHead, long count, long firstSeen, long lastSeen) {
    }

    private final int maxRows;
    private final Map<String, Row> rows = new HashMap<>();
    // Insertion-ordered so the oldest id is forgotten first.
    private final Set<String> seenIds = new LinkedHashSet<>();
    private long skipped;

    public RecentAlerts(int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive, got " + maxRows);
        }
        this.maxRows = maxRows;
    }

    /**
     * Folds one alert in. {@code key} (the record's key, the fingerprint when the publisher set it) stands in for a
     * missing fingerprint and {@code recordTime} for a missing time; an alert with neither fingerprint nor key is
     * skipped and counted.
     */
    public synchronized void accept(String key, OpsAlert alert, Instant recordTime) {
        String fingerprint = alert == null ? null : blankToNull(alert.fingerprint());
        fingerprint = fingerprint == null ? blankToNull(key) : fingerprint;
        if (alert == null || fingerprint == null) {
            skipped++;
            return;
        }
        if (alert.alertId() != null && !remember(alert.alertId())) {
            return;
        }
        long at = (alert.at() != null ? alert.at() : recordTime != null ? recordTime : Instant.EPOCH).toEpochMilli();
        Row old = rows.get(fingerprint);
        Row row;
        if (old == null) {
            row = row(fingerprint, alert, 1, at, at);
        } else if (at >= old.lastSeen()) {
            row = row(fingerprint, alert, old.count() + 1, Math.min(old.firstSeen(), at), at);
        } else {
            // An older repeat read late (another partition): counted, but the latest text stays.
            row = new Row(fingerprint, old.severity(), old.service(), old.instance(), old.message(), old.stackHead(),
                    old.count() + 1, Math.min(old.firstSeen(), at), old.lastSeen());
        }
        rows.put(fingerprint, row);
        if (rows.size() > maxRows) {
            rows.values().stream().min(Comparator.comparingLong(Row::lastSeen))
                    .ifPresent(oldest -> rows.remove(oldest.fingerprint()));
        }
    }

    /** A record that could not be read at all. */
    public synchronized void skip() {
        skipped++;
    }

    /** The folded rows, the most recently seen first. */
    public synchronized List<Row> rows() {
        List<Row> list = new ArrayList<>(rows.values());
        list.sort(Comparator.comparingLong(Row::lastSeen).reversed().thenComparing(Row::fingerprint));
        return list;
    }

    /** Records skipped because they were unreadable or had no fingerprint. */
    public synchronized long skipped() {
        return skipped;
    }

    private boolean remember(String alertId) {
        if (!seenIds.add(alertId)) {
            return false;
        }
        if (seenIds.size() > REMEMBERED_IDS) {
            var oldest = seenIds.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private static Row row(String fingerprint, OpsAlert alert, long count, long firstSeen, long lastSeen) {
        return new Row(fingerprint, alert.severity() == null ? "UNKNOWN" : alert.severity(), alert.service(),
                alert.instance(), cut(alert.message(), MAX_MESSAGE), cut(alert.stackHead(), MAX_STACK_HEAD), count,
                firstSeen, lastSeen);
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
