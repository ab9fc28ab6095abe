package io.contactdesk.ops.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.HeartbeatPublisher;
import io.contactdesk.contracts.ops.PartitionLag;
import io.contactdesk.ops.board.HeartbeatBoard.InstanceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OpsReportsTest {

    private final OpsReports reports = new OpsReports();

    private static InstanceView instance(String service, String host, String state, long secondsSinceSeen,
            boolean silent) {
        return new InstanceView(service, service + "-1", host, 0, 600, 64L << 20, 512L << 20, state, 0,
                secondsSinceSeen, silent, !silent && !HeartbeatPublisher.STOPPED.equals(state), Map.of());
    }

    @Test
    void lagShowsEachGroupsTotalAndOnlyThePartitionsThatLag() {
        String text = reports.lag(List.of(
                new GroupLag("contactdesk-notifier", List.of(
                        new PartitionLag("tg.outbox", 0, 10L, 10L, 0L),
                        new PartitionLag("tg.outbox", 3, 4L, 10L, 6L))),
                new GroupLag("contactdesk-db-writer", List.of(new PartitionLag("users", 1, null, 5L, null)))));

        assertThat(text).contains("<b>contactdesk-notifier</b>: 6").contains("tg.outbox-3: 6").doesNotContain("tg.outbox-0");
        assertThat(text).contains("<b>contactdesk-db-writer</b>: 0 (+1 partitions never committed)");
        assertThat(text.indexOf("db-writer")).isLessThan(text.indexOf("notifier"));
    }

    @Test
    void lagSaysWhenItHasNotBeenMeasuredYet() {
        assertThat(reports.lag(List.of())).isEqualTo("Lag has not been measured yet; try again in a few seconds.");
    }

    @Test
    void healthSaysWhenNoInstanceHasReportedIn() {
        assertThat(reports.health(List.of())).isEqualTo("No heartbeats yet: no instance has reported in.");
    }

    @Test
    void healthGivesEachInstanceOneLineAndFlagsTheSilentOnes() {
        String text = reports.health(List.of(instance("db-writer", "host-b", "UP", 120, true),
                instance("notifier", "host-a", "UP", 3, false)));

        assertThat(text).isEqualTo("<b>Instances</b>\n"
                + "\n🔴 <b>db-writer</b> host-b · up 10 min · heap 64/512 MB · UP · seen 2 min ago · <b>SILENT</b>"
                + "\n🟢 <b>notifier</b> host-a · up 10 min · heap 64/512 MB · UP · seen 3 s ago");
    }

    @Test
    void aStoppedInstanceIsNotFlaggedSilent() {
        String text = reports.health(List.of(instance("notifier", "host-a", HeartbeatPublisher.STOPPED, 900, true)));

        assertThat(text).contains("🟡 <b>notifier</b>").doesNotContain("SILENT");
    }

    @Test
    void whatInstancesSayAboutThemselvesIsShownAsText() {
        String text = reports.health(List.of(instance("<b>x</b>", "host&<i>", "<s>UP", 1, false)));

        assertThat(text).contains("<b>&lt;b&gt;x&lt;/b&gt;</b> host&amp;&lt;i&gt;").contains("&lt;s&gt;UP")
                .doesNotContain("<i>").doesNotContain("<s>");
    }

    @Test
    void healthOfHundredsOfInstancesFitsOneTelegramMessageWithWholeLines() {
        List<InstanceView> many = new ArrayList<>();
        IntStream.range(0, 300).forEach(i -> many.add(instance("notifier", "host-n-" + i, "UP", 2, false)));

        String text = reports.health(many);

        assertThat(text.length()).isLessThanOrEqualTo(4096);
        assertThat(text).endsWith("more lines");
        assertThat(text.split("<b>", -1).length).isEqualTo(text.split("</b>", -1).length);
        int shown = text.split("host-n-", -1).length - 1;
        assertThat(text).contains("… and " + (300 - shown) + " more lines");
    }
}
