package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What the outbox's rebalance listener does with offsets whose commit was lost (the broker away, a rebalance under
 * way): the record was sent, so its next owner must not send it again.
 */
class OutboxAssignmentTest {

    private static final TopicPartition P5 = new TopicPartition(Topics.OUTBOX.name(), 5);

    private final OutboxAssignment assignment = new OutboxAssignment(12);
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    OutboxAssignmentTest() {
        Node broker = new Node(1, "localhost", 9092);
        consumer.updatePartitions(Topics.OUTBOX.name(), List.of(new PartitionInfo(Topics.OUTBOX.name(), 5, broker,
                new Node[] {broker}, new Node[] {broker})));
        consumer.assign(Set.of(P5));
        consumer.updateBeginningOffsets(Map.of(P5, 0L));
    }

    @Test
    void aPartitionHandedOverGetsWhatWasSettledOnItCommittedFirst() {
        // given record 15 sent, its commit lost (the last commit was 10)
        consumer.commitSync(Map.of(P5, new OffsetAndMetadata(10)));
        assignment.settled(P5, new OffsetAndMetadata(16));

        // when the partition is revoked
        assignment.onPartitionsRevokedBeforeCommit(consumer, Set.of(P5));

        // then its next owner starts after record 15
        assertThat(consumer.committed(Set.of(P5)).get(P5).offset()).isEqualTo(16);
    }

    @Test
    void aPartitionThatComesBackBehindWhatWasSettledHereStartsAfterIt() {
        // given record 15 sent here, its commit lost, and the partition lost with the group (broker away)
        consumer.commitSync(Map.of(P5, new OffsetAndMetadata(10)));
        assignment.settled(P5, new OffsetAndMetadata(16));
        assignment.onPartitionsLost(consumer, Set.of(P5));

        // when it is assigned again to one of this notifier's consumers
        consumer.seek(P5, 10);
        assignment.onPartitionsAssigned(consumer, Set.of(P5));

        // then it starts at 16, committed
        assertThat(consumer.position(P5)).isEqualTo(16);
        assertThat(consumer.committed(Set.of(P5)).get(P5).offset()).isEqualTo(16);
    }

    @Test
    void aPartitionCommittedFurtherElsewhereIsNotMovedBack() {
        // given record 15 settled here, and another notifier that has since committed up to 40
        assignment.settled(P5, new OffsetAndMetadata(16));
        consumer.commitSync(Map.of(P5, new OffsetAndMetadata(40)));

        // when it comes back here
        consumer.seek(P5, 40);
        assignment.onPartitionsAssigned(consumer, Set.of(P5));

        // then it goes on from 40
        assertThat(consumer.position(P5)).isEqualTo(40);
        assertThat(consumer.committed(Set.of(P5)).get(P5).offset()).isEqualTo(40);
    }

    @Test
    void aPartitionHandedOverAgainWithoutRecordsTakenHereKeepsTheFurtherCommit() {
        // given record 15 settled here long ago, and another notifier that has since committed up to 40
        assignment.settled(P5, new OffsetAndMetadata(16));
        consumer.commitSync(Map.of(P5, new OffsetAndMetadata(40)));

        // when the partition comes back here and is handed over again before a record was taken from it
        consumer.seek(P5, 40);
        assignment.onPartitionsAssigned(consumer, Set.of(P5));
        assignment.onPartitionsRevokedBeforeCommit(consumer, Set.of(P5));

        // then its next owner still starts at 40: committing the old 16 would send 16 to 39 again
        assertThat(consumer.committed(Set.of(P5)).get(P5).offset()).isEqualTo(40);
    }

    @Test
    void aPartitionLostAndHandedOverLaterNeverMovesTheCommitBack() {
        // given record 15 settled here, the partition lost, and another notifier that has since committed up to 40
        assignment.settled(P5, new OffsetAndMetadata(16));
        assignment.onPartitionsLost(consumer, Set.of(P5));
        consumer.commitSync(Map.of(P5, new OffsetAndMetadata(40)));

        // when this notifier is asked to hand it over (it still remembers 16)
        assignment.onPartitionsRevokedBeforeCommit(consumer, Set.of(P5));

        // then the commit stays at 40
        assertThat(consumer.committed(Set.of(P5)).get(P5).offset()).isEqualTo(40);
    }

    @Test
    void theShareIsThePartitionsHeldOfAllTheTopicHas() {
        assignment.onPartitionsAssigned(consumer, Set.of(P5));

        assertThat(assignment.owned()).isEqualTo(1);
        assertThat(assignment.total()).isEqualTo(1);
    }

    @Test
    void partitionsOfOtherTopicsAreNoPartOfTheShare() {
        // given one outbox partition held, and the priority and bulk topics' partitions assigned beside it
        assignment.onPartitionsAssigned(consumer, Set.of(P5));
        assignment.onPartitionsAssigned(consumer, Set.of(new TopicPartition(Topics.OUTBOX_PRIORITY.name(), 0),
                new TopicPartition(Topics.OUTBOX_BULK.name(), 0), new TopicPartition(Topics.OUTBOX_BULK.name(), 1)));

        // then the share counts the outbox partition alone
        assertThat(assignment.owned()).isEqualTo(1);
    }
}
