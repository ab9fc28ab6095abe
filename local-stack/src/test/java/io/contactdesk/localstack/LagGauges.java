package io.contactdesk.localstack;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The consumer lag gauges in a service's {@code /actuator/prometheus} text. */
final class LagGauges {

    private static final Pattern SAMPLE = Pattern.compile(
            "^(contactdesk_consumer_lag(?:_total)?_records)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final Map<String, Map<String, Long>> partitions = new HashMap<>();
    private final Map<String, Long> totals = new HashMap<>();

    LagGauges(String prometheusText) {
        Matcher sample = SAMPLE.matcher(prometheusText);
        while (sample.find()) {
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            long value = (long) Double.parseDouble(sample.group(3));
            if (sample.group(1).endsWith("_total_records")) {
                totals.put(labels.get("group"), value);
            } else {
                partitions.computeIfAbsent(labels.get("group"), g -> new HashMap<>())
                        .put(labels.get("topic") + "-" + labels.get("partition"), value);
            }
        }
    }

    /** {@code contactdesk_consumer_lag_records} of the group by "topic-partition"; only partitions with a known lag. */
    Map<String, Long> partitions(String group) {
        return partitions.getOrDefault(group, Map.of());
    }

    /** {@code contactdesk_consumer_lag_total_records} of the group; null when there is none. */
    Long total(String group) {
        return totals.get(group);
    }
}
