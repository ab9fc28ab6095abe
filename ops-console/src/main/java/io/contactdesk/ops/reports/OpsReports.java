package io.contactdesk.ops.reports;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.HeartbeatPublisher;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.ops.board.HeartbeatBoard.InstanceView;
import java.util.Comparator;
import java.util.List;

/**
 * The texts of {@code /health} and {@code /lag} for admins in Telegram: one line per instance, lag per consumer group
 * (and per partition where it is not 0). Each fits one Telegram message: lines past the limit are left out whole, so
 * no HTML tag is cut in two. English only, like every admin reply.
 */
final class OpsReports {

    /** Telegram takes 4,096 characters of text; the rest is room for the note on what was left out. */
    static final int MAX_TEXT = 3_900;

    /** @param instances as the console lists them: the roster's current instances, sorted by service and instance */
    String health(List<InstanceView> instances) {
        if (instances.isEmpty()) {
            return "No heartbeats yet: no instance has reported in.";
        }
        StringBuilder text = new StringBuilder("<b>Instances</b>\n");
        for (InstanceView instance : instances) {
            boolean silent = instance.silent() && !HeartbeatPublisher.STOPPED.equals(instance.state());
            text.append("\n").append(silent ? "🔴 " : "UP".equals(instance.state()) ? "🟢 " : "🟡 ")
                    .append("<b>").append(escape(instance.service())).append("</b> ")
                    .append(escape(instance.host())).append(" · up ").append(human(instance.uptimeSeconds()))
                    .append(" · heap ").append(instance.heapUsedBytes() >> 20).append("/")
                    .append(instance.heapMaxBytes() >> 20).append(" MB · ").append(escape(instance.state()))
                    .append(" · seen ").append(human(instance.secondsSinceSeen())).append(" ago")
                    .append(silent ? " · <b>SILENT</b>" : "");
        }
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

    private static String human(long seconds) {
        long positive = Math.max(0, seconds);
        if (positive < 120) {
            return positive + " s";
        }
        if (positive < 7200) {
            return positive / 60 + " min";
        }
        return positive / 3600 + " h";
    }
}
