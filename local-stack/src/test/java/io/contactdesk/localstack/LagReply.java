package io.contactdesk.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bot's {@code /lag} reply says about each group, read from the HTML it sent: the group's total, how many
 * of its partitions were never committed, and its partitions whose lag is above 0 (the reply leaves out the rest).
 */
record LagReply(long total, long neverCommitted, Map<String, Long> laggingPartitions) {

    static final String TITLE = "<b>Consumer lag</b>";

    private static final Pattern GROUP =
            Pattern.compile("<b>(.+)</b>: (\\d+)(?: \\(\\+(\\d+) partitions never committed\\))?");
    private static final Pattern PARTITION = Pattern.compile(" {2}(\\S+): (\\d+)");

    static Map<String, LagReply> parse(String html) {
        Map<String, LagReply> groups = new LinkedHashMap<>();
        String group = null;
        for (String line : html.split("\n")) {
            Matcher heading = GROUP.matcher(line);
            Matcher partition = PARTITION.matcher(line);
            if (heading.matches()) {
                group = heading.group(1);
                groups.put(group, new LagReply(Long.parseLong(heading.group(2)),
                        heading.group(3) == null ? 0 : Long.parseLong(heading.group(3)), new LinkedHashMap<>()));
            } else if (group != null && partition.matches()) {
                groups.get(group).laggingPartitions().put(partition.group(1), Long.parseLong(partition.group(2)));
            }
        }
        return groups;
    }
}
