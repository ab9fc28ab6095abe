package io.contactdesk.contracts.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * What an idle container's consumer commits past the transaction markers it read, and what it asks the broker for.
 * A transaction's commit marker takes the offset after its last record, so a consumer that read everything stands one
 * past the offset after its last record.
 */
class TransactionMarkerOffsetsTest {

    private static final String TOPIC = "facts";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final TransactionMarkerOffsets markers = new TransactionMarkerOffsets();
    private final AtomicInteger committedLookups = new AtomicInteger();
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions,
                Duration timeout) {
            committedLookups.incrementAndGet();
            return super.committed(partitions, timeout);
        }
    };

    TransactionMarkerOffsetsTest() {
        Node broker = new Node(1, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(
                new PartitionInfo(TOPIC, 0, broker, new Node[] {broker}, new Node[] {broker}),
                new PartitionInfo(TOPIC, 1, broker, new Node[] {broker}, new Node[] {broker})));
        consumer.assign(Set.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    @Test
    void aPartitionReadToItsEndIsCommittedPastItsLastMarker() {
        // given records up to offset 9 handled and committed (10), the marker at 10 read (position 11)
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10)));
        consumer.seek(P0, 11);

        markers.commitPastMarkers(consumer);

        assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(11);
    }

    @Test
    void noPositionMovedSinceTheLastIdleCheckAsksTheBrokerNothing() {
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(4)));
        consumer.seek(P0, 11);
        consumer.seek(P1, 4);
        markers.commitPastMarkers(consumer);
        int afterFirst = committedLookups.get();

        markers.commitPastMarkers(consumer);
        markers.commitPastMarkers(consumer);

        assertThat(afterFirst).isEqualTo(1);
        assertThat(committedLookups.get()).isEqualTo(afterFirst);
    }

    @Test
    void aPartitionThatMovedAgainIsCommittedAgain() {
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10)));
        consumer.seek(P0, 11);
        markers.commitPastMarkers(consumer);

        // the container handled records 11..19 and committed 20; the marker at 20 read
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(20)));
        consumer.seek(P0, 21);
        markers.commitPastMarkers(consumer);

        assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(21);
    }

    @Test
    void aPartitionNeverCommittedIsLeftAlone() {
        consumer.seek(P1, 3);

        markers.commitPastMarkers(consumer);

        assertThat(consumer.committed(Set.of(P1)).get(P1)).isNull();
    }

    @Test
    void aPausedPartitionIsLeftAloneForItsRecordsMayBeHeldBack() {
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10)));
        consumer.seek(P0, 15);
        consumer.pause(Set.of(P0));

        markers.commitPastMarkers(consumer);

        assertThat(consumer.committed(Set.of(P0)).get(P0).offset()).isEqualTo(10);
    }
}
