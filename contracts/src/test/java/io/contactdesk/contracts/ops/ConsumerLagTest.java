package io.contactdesk.contracts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    @Test
    void lagIsLogEndMinusCommitted() {
        GroupLag lag = ConsumerLag.compute("g", Set.of(), Map.of(A0, new OffsetAndMetadata(4)), Map.of(A0, 10L));

        assertThat(lag.partitions()).containsExactly(new PartitionLag("a", 0, 4L, 10L, 6L));
        assertThat(lag.totalLag()).isEqualTo(6);
        assertThat(lag.unknownPartitions()).isZero();
    }

    @Test
    void assignedPartitionWithoutCommittedOffsetHasUnknownLagLikeTheToolsDash() {
        GroupLag lag = ConsumerLag.compute("g", Set.of(A0, A1), Map.of(A0, new OffsetAndMetadata(3)),
                Map.of(A0, 5L, A1, 7L));

        assertThat(lag.partitions()).containsExactly(
                new PartitionLag("a", 0, 3L, 5L, 2L),
                new PartitionLag("a", 1, null, 7L, null));
        assertThat(lag.totalLag()).isEqualTo(2);
        assertThat(lag.unknownPartitions()).isEqualTo(1);
    }

    @Test
    void committedPartitionNoLongerAssignedIsStillShownAndMissingLogEndMeansUnknown() {
        GroupLag lag = ConsumerLag.compute("g", Set.of(A0), Map.of(B0, new OffsetAndMetadata(1), A0,
                new OffsetAndMetadata(0)), Map.of(A0, 0L));

        assertThat(lag.partitions()).containsExactly(
                new PartitionLag("a", 0, 0L, 0L, 0L),
                new PartitionLag("b", 0, 1L, null, null));
    }

    @Test
    void rowsAreOrderedByTopicThenPartitionNumerically() {
        TopicPartition a10 = new TopicPartition("a", 10);
        TopicPartition a2 = new TopicPartition("a", 2);
        GroupLag lag = ConsumerLag.compute("g", List.of(a10, B0, a2), Map.of(), Map.of());

        assertThat(lag.partitions()).extracting(p -> p.topic() + ":" + p.partition())
                .containsExactly("a:2", "a:10", "b:0");
    }

    @Test
    void noPartitionsNoLag() {
        GroupLag lag = ConsumerLag.compute("g", Set.of(), Map.of(), Map.of());

        assertThat(lag.partitions()).isEmpty();
        assertThat(lag.totalLag()).isZero();
    }
}
