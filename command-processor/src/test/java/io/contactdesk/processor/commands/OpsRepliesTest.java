package io.contactdesk.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OpsRepliesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final OpsReplies replies = new OpsReplies();

    private static Heartbeat beat(String service, String instance, long secondsSinceSeen) {
        Instant at = NOW.minusSeconds(secondsSinceSeen);
        return new Heartbeat(service, instance, "host-" + instance, at.minusSeconds(600), at, "UP", 64L << 20, 512L << 20);
    }

    @Test
    void lagShowsEachGroupsTotalAndOnlyThePartitionsThatLag() {
        String text = replies.lag(List.of(
                new GroupLag("contactdesk-notifier", List.of(
                        new PartitionLag("tg.outbox", 0, 10L, 10L, 0L),
                        new PartitionLag("tg.outbox", 3, 4L, 10L, 6L))),
                new GroupLag("contactdesk-db-writer", List.of(new PartitionLag("users", 1, null, 5L, null)))));

        assertThat(text).contains("<b>contactdesk-notifier</b>: 6").contains("tg.outbox-3: 6").doesNotContain("tg.outbox-0");
        assertThat(text).contains("<b>contactdesk-db-writer</b>: 0 (+1 partitions never committed)");
        assertThat(text.indexOf("db-writer")).isLessThan(text.indexOf("notifier"));
    }

    @Test
    void healthNoLongerListsAnInstanceThatWasReplacedTenMinutesAgo() {
        String text = replies.health(List.of(beat("notifier", "crashed", 900), beat("notifier", "replacement", 3),
                beat("db-writer", "dbw-1", 2)), NOW);

        assertThat(text).contains("host-replacement").contains("host-dbw-1").doesNotContain("host-crashed");
    }

    @Test
    void healthFlagsASilentInstanceWhileItsServiceHasNoOtherInstance() {
        String text = replies.health(List.of(beat("command-processor", "cp-1", 3600)), NOW);

        assertThat(text).contains("host-cp-1").contains("<b>SILENT</b>");
    }

    @Test
    void healthOfHundredsOfInstancesFitsOneTelegramMessageWithWholeLines() {
        List<Heartbeat> many = new ArrayList<>();
        IntStream.range(0, 300).forEach(i -> many.add(beat("notifier", "n-" + i, 2)));

        String text = replies.health(many, NOW);

        assertThat(text.length()).isLessThanOrEqualTo(4096);
        assertThat(text).endsWith("more lines");
        assertThat(text.split("<b>", -1).length).isEqualTo(text.split("</b>", -1).length);
        int shown = text.split("host-n-", -1).length - 1;
        assertThat(text).contains("… and " + (300 - shown) + " more lines");
    }
}
