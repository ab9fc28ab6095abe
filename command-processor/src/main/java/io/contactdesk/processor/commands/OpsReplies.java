package io.contactdesk.processor.commands;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.HeartbeatPublisher;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.contracts.ops.Roster;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * /health and /lag for admins: one line per instance, lag per consumer group (and per partition where it is not 0).
 * Each fits one Telegram message: lines past the limit are left out whole, so no HTML tag is cut in two.
 */
final class OpsReplies {

    /** Telegram takes 4,096 characters of text; the rest is room for the note on what was left out. */
    static final int MAX_TEXT = 3_900;

    // The console's rule and defaults: an instance that was replaced 10 min ago is not listed any more.
    private final Roster roster = Roster.standard();

    String health(List<Heartbeat> instances, Instant now) {
        if (instances.isEmpty()) {
            return "No heartbeats yet: no instance has reported in.";
        }
        StringBuilder text = new StringBuilder("<b>Instances</b>\n");
        roster.current(instances, now).stream()
                .sorted(Comparator.comparing(Heartbeat::service).thenComparing(Heartbeat::instance))
                .forEach(beat -> {
                    Duration lastSeen = Duration.between(beat.at(), now);
                    boolean silent = roster.silent(beat, now) && !HeartbeatPublisher.STOPPED.equals(beat.state());
                    text.append("\n").append(silent ? "🔴 " : "UP".equals(beat.state()) ? "🟢 " : "🟡 ")
                            .append("<b>").append(escape(beat.service())).append("</b> ")
                            .append(escape(beat.host())).append(" · up ").append(human(Duration.between(beat.startedAt(), beat.at())))
                            .append(" · heap ").append(beat.heapUsedBytes() >> 20).append("/").append(beat.heapMaxBytes() >> 20)
                            .append(" MB · ").append(escape(beat.state())).append(" · seen ").append(human(lastSeen)).append(" ago")
                            .append(silent ? " · <b>SILENT</b>" : "");
                });
        return withinOneMessage(text.toString());
    }

    String lag(List<GroupLag> groups) {
        if (groups.isEmpty()) {
            return "Lag has not been measured yet; try again in a few seconds.";
        }
        StringBuilder text = new StringBuilder("<b>Consumer lag</b> (committed vs log end offsets)\n");
        groups.stream().sorted(Comparator.comparing(GroupLag::group)).forEach(group -> {
            text.append("\n<b>").append(escape(group.group())).append("</b>: ").append(group.totalLag());
            if (group.unknownPartitions() > 0) {
                text.append(" (+").append(group.unknownPartitions()).append(" partitions never committed)");
            }
            for (PartitionLag partition : group.partitions()) {
                if (partition.lag() != null && partition.lag() > 0) {
                    text.append("\n  ").append(escape(partition.topic())).append("-").append(partition.partition())
                            .append(": ").append(partition.lag());
                }
            }
        });
        return withinOneMessage(text.toString());
    }

    static String withinOneMessage(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        int cut = text.lastIndexOf('\n', MAX_TEXT);
        if (cut <= 0) {
            return text.substring(0, MAX_TEXT) + "…";
        }
        long left = text.substring(cut).chars().filter(c -> c == '\n').count();
        return text.substring(0, cut) + "\n… and " + left + " more lines";
    }

    private static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds / 3600 + " h";
    }
}
