package io.contactdesk.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.contracts.ops.PartitionLag;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsRepliesTest {

    private final OpsReplies replies = new OpsReplies();

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
}
