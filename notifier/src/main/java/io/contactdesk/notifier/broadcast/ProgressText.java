package io.contactdesk.notifier.broadcast;

import java.time.Duration;
import java.util.Locale;

/** The admin's status message of a broadcast: plain text, so no id or count needs escaping. */
final class ProgressText {

    private ProgressText() {
    }

    static String of(BroadcastProgress progress) {
        String id = progress.broadcastId();
        return switch (progress.state()) {
            case FINISHED -> "✅ Broadcast " + id + " finished: " + count(progress.sent()) + " sent · "
                    + count(progress.blocked()) + " blocked"
                    + (progress.failed() > 0 ? " · " + count(progress.failed()) + " failed" : "");
            case CANCELLED -> "⛔ Broadcast " + id + " cancelled after " + count(progress.sent()) + " sent";
            case RUNNING -> "📣 Broadcast " + id + ": sent " + count(progress.sent()) + " / "
                    + (progress.totalKnown() ? "" : "≥") + count(progress.recipients())
                    + " · " + count(progress.blocked()) + " blocked · " + count(progress.failed()) + " failed"
                    + (progress.eta() == null ? "" : " · ETA " + eta(progress.eta()));
        };
    }

    static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    static String eta(Duration eta) {
        long seconds = eta.toSeconds();
        if (seconds < 60) {
            return "<1 min";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return minutes + " min";
        }
        return Math.round(minutes / 60.0) + " h";
    }
}
