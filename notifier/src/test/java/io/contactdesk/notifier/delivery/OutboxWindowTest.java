package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.topics.Topics;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OutboxWindowTest {

    private static final TopicPartition P0 = new TopicPartition(Topics.OUTBOX.name(), 0);
    private static final TopicPartition P1 = new TopicPartition(Topics.OUTBOX.name(), 1);

    private final OutboxWindow window = new OutboxWindow(4);

    @Test
    void aPartitionIsSettledOnlyUpToItsLowestUnfinishedRecord() {
        // given three records taken, the two later ones finished first (their chats were free)
        window.taken(P0, 10);
        window.taken(P0, 11);
        window.taken(P0, 12);
        window.finished(P0, 12);
        window.finished(P0, 11);

        // then the partition may be committed up to 10, not past it
        assertThat(window.lowestUnfinished(P0)).hasValue(10);

        // and once 10 is finished too, nothing taken is unfinished
        window.finished(P0, 10);
        assertThat(window.lowestUnfinished(P0)).isEmpty();
    }

    @Test
    void theRecordsFinishedAboveTheLowestUnfinishedOneAreKeptForTheCommit() {
        // given records 10 to 13 taken, 11 and 13 finished before 10 and 12
        for (long offset = 10; offset <= 13; offset++) {
            window.taken(P0, offset);
        }
        window.finished(P0, 13);
        window.finished(P0, 11);
        assertThat(window.finishedAbove(P0)).containsExactly(11L, 13L);

        // when 10 finishes, 11 is below the new lowest unfinished (12) and no longer needs telling
        window.finished(P0, 10);
        assertThat(window.lowestUnfinished(P0)).hasValue(12);
        assertThat(window.finishedAbove(P0)).containsExactly(13L);

        // and when 12 finishes, nothing is unfinished and nothing above needs telling
        window.finished(P0, 12);
        assertThat(window.finishedAbove(P0)).isEmpty();
    }

    @Test
    void aPartitionWithAsManyUnfinishedRecordsAsItsWindowIsFullAndTheOthersAreNot() {
        window.taken(P0, 1);
        window.taken(P0, 2);
        window.taken(P0, 3);
        window.taken(P0, 4);
        window.taken(P1, 1);

        assertThat(window.full(P0)).isTrue();
        assertThat(window.full(P1)).isFalse();
        assertThat(window.inFlight()).isEqualTo(5);

        window.finished(P0, 2);
        assertThat(window.full(P0)).isFalse();
    }

    @Test
    void aRecordFinishedAfterItsPartitionWasForgottenCountsForNothing() {
        window.taken(P0, 5);
        window.forget(List.of(P0));

        window.finished(P0, 5);
        window.taken(P0, 5);

        assertThat(window.lowestUnfinished(P0)).hasValue(5);
    }
}
