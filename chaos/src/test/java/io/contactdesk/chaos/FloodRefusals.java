package io.contactdesk.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 429s the flood limits earned, laid beside the faults: which limit (a chat's or the bot's), and what had just
 * happened. A 429 that follows no fault is the notifiers' own pacing; one within {@link #AFTERMATH} of a fault's end is
 * filed under the latest such fault (a fallback to local buckets, a rebalance, a backlog drained after an outage).
 */
final class FloodRefusals {

    static final Duration AFTERMATH = Duration.ofSeconds(90);

    record Refusal(Instant at, long chatId, String limit) {
    }

    private FloodRefusals() {
    }

    /** The sandbox's flood refusals ({@code GET /sandbox/flood-refusals}) as refusals. */
    static List<Refusal> of(List<JsonNode> refusals) {
        return refusals.stream().map(refusal -> new Refusal(Instant.parse(refusal.path("at").asText()),
                refusal.path("chat_id").asLong(), refusal.path("limit").asText())).toList();
    }

    static List<String> beside(List<Refusal> refusals, List<Verdicts.FaultEvent> faults, Instant loadStarted) {
        if (refusals.isEmpty()) {
            return List.of();
        }
        Map<String, int[]> byCause = new TreeMap<>();
        for (Refusal refusal : refusals) {
            int[] counts = byCause.computeIfAbsent(cause(refusal.at(), faults, loadStarted), c -> new int[2]);
            counts["chat".equals(refusal.limit()) ? 0 : 1]++;
        }
        List<String> lines = new ArrayList<>();
        long chats = refusals.stream().filter(r -> "chat".equals(r.limit())).count();
        lines.add(String.format(Locale.ROOT, "429 from the flood limits: %d (a chat's limit %d, the bot's %d), in %d chats;"
                        + " first at %s s, last at %s s", refusals.size(), chats, refusals.size() - chats,
                refusals.stream().map(Refusal::chatId).distinct().count(),
                since(loadStarted, refusals.get(0).at()), since(loadStarted, refusals.get(refusals.size() - 1).at())));
        byCause.forEach((cause, counts) -> lines.add(String.format(Locale.ROOT, "  429 %s: %d (chat %d, bot %d)",
                cause, counts[0] + counts[1], counts[0], counts[1])));
        return lines;
    }

    /** The latest fault that began before the refusal and ended at most {@link #AFTERMATH} before it. */
    static String cause(Instant at, List<Verdicts.FaultEvent> faults, Instant loadStarted) {
        return faults.stream()
                .filter(f -> !f.from().isAfter(at) && !f.to().plus(AFTERMATH).isBefore(at))
                .max(Comparator.comparing(Verdicts.FaultEvent::from))
                .map(f -> "during or after " + f.name() + " (" + since(loadStarted, f.from()) + "–"
                        + since(loadStarted, f.to()) + " s)")
                .orElse("after no fault");
    }

    private static String since(Instant loadStarted, Instant at) {
        return String.format(Locale.ROOT, "%.1f", Duration.between(loadStarted, at).toMillis() / 1000.0);
    }
}
