package io.contactdesk.notifier.alerts;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.html.Html;
import java.time.Duration;

/**
 * Alerts as Telegram HTML for admins: every text from the alert escaped, the stack head in {@code <pre>}, the whole
 * at most {@value #MAX_LENGTH} characters (cut where needed, never inside an entity or a tag).
 */
final class AlertText {

    static final int MAX_LENGTH = 1000;
    static final String CUT = "…";

    private static final int MAX_HEADER_PART = 80;
    private static final int MAX_MESSAGE = 500;
    private static final String PRE_OPEN = "\n<pre>";
    private static final String PRE_CLOSE = "</pre>";
    // Less room than this for the stack head is not worth a block.
    private static final int MIN_STACK = 40;

    private AlertText() {
    }

    static String first(OpsAlert alert) {
        StringBuilder text = new StringBuilder("🚨 <b>").append(fit(or(alert.severity(), "ALERT"), MAX_HEADER_PART))
                .append("</b> · <b>").append(fit(or(alert.service(), "?"), MAX_HEADER_PART)).append("</b>");
        if (alert.instance() != null && !alert.instance().isBlank()) {
            text.append(" · ").append(fit(alert.instance(), MAX_HEADER_PART));
        }
        text.append('\n').append(fit(or(alert.message(), "(no message)"), MAX_MESSAGE));
        int room = MAX_LENGTH - text.length() - PRE_OPEN.length() - PRE_CLOSE.length();
        if (alert.stackHead() != null && !alert.stackHead().isBlank() && room >= MIN_STACK) {
            text.append(PRE_OPEN).append(fit(alert.stackHead().strip(), room)).append(PRE_CLOSE);
        }
        return text.toString();
    }

    /** "×37 in the last 5 min: service: message". */
    static String summary(AlertFolds.Summary summary, Duration window) {
        String head = "🔁 ×" + summary.count() + " in the last " + window(window) + ": "
                + fit(or(summary.service(), "?"), MAX_HEADER_PART) + ": ";
        return head + fit(or(summary.lastMessage(), "(no message)"), MAX_LENGTH - head.length());
    }

    static String window(Duration window) {
        long seconds = window.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /** {@code raw} escaped, cut so that the escaped text with its cut mark is at most {@code max} characters. */
    static String fit(String raw, int max) {
        String escaped = Html.escape(raw);
        if (escaped.length() <= max) {
            return escaped;
        }
        StringBuilder out = new StringBuilder(max);
        for (int i = 0; i < raw.length(); i++) {
            // Whole characters only: a surrogate pair or an entity is kept or dropped as one.
            int end = Character.isHighSurrogate(raw.charAt(i)) && i + 1 < raw.length() ? i + 2 : i + 1;
            String next = Html.escape(raw.substring(i, end));
            if (out.length() + next.length() + CUT.length() > max) {
                break;
            }
            out.append(next);
            i = end - 1;
        }
        return out.append(CUT).toString();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
