package io.contactdesk.processor.commands;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** /health and /lag for admins: one line per instance, lag per consumer group (and per partition where it is not 0). */
final class OpsReplies {

    /** An instance not heard from for this long is flagged: heartbeats come every 10 s. */
    static final Duration SILENT_AFTER = Duration.ofSeconds(30);

    String health(List<Heartbeat> instances, Instant now) {
        if (instances.isEmpty()) {
            return "No heartbeats yet: no instance has reported in.";
        }
        StringBuilder text = new StringBuilder("<b>Instances</b>\n");
        instances.stream().sorted(Comparator.comparing(Heartbeat::service).thenComparing(Heartbeat::instance))
                .forEach(beat -> {
                    Duration lastSeen = Duration.between(beat.at(), now);
                    boolean silent = lastSeen.compareTo(SILENT_AFTER) > 0 && !"STOPPED".equals(beat.state());
                    text.append("\n").append(silent ? "🔴 " : "UP".equals(beat.state()) ? "🟢 " : "🟡 ")
                            .append("<b>").append(escape(beat.service())).append("</b> ")
                            .append(escape(beat.host())).append(" · up ").append(human(Duration.between(beat.startedAt(), beat.at())))
                            .append(" · heap ").append(beat.heapUsedBytes() >> 20).append("/").append(beat.heapMaxBytes() >> 20)
                            .append(" MB · ").append(escape(beat.state())).append(" · seen ").append(human(lastSeen)).append(" ago")
                            .append(silent ? " · <b>SILENT</b>" : "");
                });
        return text.toString();
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
        return text.length() > 3900 ? text.substring(0, 3900) + "\n…" : text.toString();
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
