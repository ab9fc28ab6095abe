package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.notifier.database.NotifierDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal of settled {@code tg.outbox} records on a real PostgreSQL: what it keeps, what it reads back, what it
 * prunes.
 */
class SettledJournalIT {

    // The writer prunes at most this often (10 s in production): short here, so a prune is awaited, not waited for.
    private static final Duration PRUNE_EVERY = Duration.ofMillis(100);
    // Each test writes to a topic of its own: the database is shared by the tests of this class.
    private static final AtomicInteger TOPICS = new AtomicInteger();

    private static EmbeddedPostgresServer postgres;
    private static NotifierDatabase database;

    private final String topic = "tg.outbox.journal-it-" + TOPICS.incrementAndGet();
    private SettledJournal journal;

    @BeforeAll
    static void startDatabase() {
        postgres = EmbeddedPostgresServer.builder().build().start();
        database = NotifierDatabase.open(postgres.url());
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void startJournal() {
        journal = new SettledJournal(database, new SimpleMeterRegistry(), 1_000, PRUNE_EVERY);
        journal.start();
    }

    @AfterEach
    void stopJournal() {
        journal.stop();
    }

    @Test
    void settledRecordsAreReadBackWithTheirKafkaTimestamps() {
        TopicPartition partition = partition(0);

        journal.settled(partition, 7, 1_000L);
        journal.settled(partition, 9, 2_000L);

        await().untilAsserted(() -> assertThat(settledFrom(partition, 0))
                .containsExactlyInAnyOrderEntriesOf(Map.of(7L, 1_000L, 9L, 2_000L)));
    }

    @Test
    void onlyRecordsAtOrAboveTheOffsetAskedForAreReadBack() {
        // given three settled records, all written
        TopicPartition partition = partition(0);
        journal.settled(partition, 4, 40L);
        journal.settled(partition, 5, 50L);
        journal.settled(partition, 6, 60L);
        await().until(() -> settledFrom(partition, 0).size() == 3);

        // then from offset 5 on (the committed offset: the next record to read), 5 and 6
        assertThat(settledFrom(partition, 5)).containsExactlyInAnyOrderEntriesOf(Map.of(5L, 50L, 6L, 60L));
    }

    @Test
    void onlyThePartitionAskedForIsReadBack() {
        // given the same offset settled on another partition of the topic, on another topic, then on the one asked for
        TopicPartition asked = partition(1);
        journal.settled(partition(0), 3, 30L);
        journal.settled(new TopicPartition(topic + "-other", 1), 3, 31L);
        journal.settled(asked, 3, 32L);
        // rows are written in the order settled: once the last is there, so are the others
        await().until(() -> !settledFrom(asked, 0).isEmpty());

        assertThat(journal.settledFrom(Map.of(asked, 0L))).containsExactlyEntriesOf(Map.of(asked, Map.of(3L, 32L)));
    }

    @Test
    void partitionsAskedForTogetherAreEachReadBackFromTheirOwnOffset() {
        // given offsets 1 and 2 settled on two partitions
        TopicPartition first = partition(0);
        TopicPartition second = partition(1);
        journal.settled(first, 1, 10L);
        journal.settled(first, 2, 20L);
        journal.settled(second, 1, 11L);
        journal.settled(second, 2, 21L);
        await().until(() -> settledFrom(second, 0).size() == 2);

        // when both are asked for at once, the first from offset 2 (its committed offset), the second from 0
        Map<TopicPartition, Map<Long, Long>> settled = journal.settledFrom(Map.of(first, 2L, second, 0L));

        // then each partition's rows from its own offset on
        assertThat(settled).containsOnlyKeys(first, second);
        assertThat(settled.get(first)).containsExactlyInAnyOrderEntriesOf(Map.of(2L, 20L));
        assertThat(settled.get(second)).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 11L, 2L, 21L));
    }

    @Test
    void aCommittedOffsetPrunesThePartitionsRowsBelowIt() {
        // given three settled records, all written
        TopicPartition partition = partition(0);
        journal.settled(partition, 10, 100L);
        journal.settled(partition, 11, 110L);
        journal.settled(partition, 12, 120L);
        await().until(() -> settledFrom(partition, 0).size() == 3);

        // when offset 12 is committed (10 and 11 are behind the group now)
        journal.committed(partition, 12);

        // then their rows go, and 12's stays: a new owner starting at 12 still skips it
        await().untilAsserted(() -> assertThat(settledFrom(partition, 0))
                .containsExactlyInAnyOrderEntriesOf(Map.of(12L, 120L)));
    }

    @Test
    void aCommittedOffsetLeavesOtherPartitionsRowsAlone() {
        // given the same offsets settled on two partitions
        TopicPartition committed = partition(0);
        TopicPartition other = partition(1);
        journal.settled(other, 10, 100L);
        journal.settled(committed, 10, 101L);
        await().until(() -> !settledFrom(committed, 0).isEmpty());

        // when one partition's offset 11 is committed, and its row is pruned
        journal.committed(committed, 11);
        await().until(() -> settledFrom(committed, 0).isEmpty());

        // then the other partition's row is still there
        assertThat(settledFrom(other, 0)).containsExactlyInAnyOrderEntriesOf(Map.of(10L, 100L));
    }

    @Test
    void recordsQueuedWhenTheJournalStopsAreWrittenBeforeItEnds() {
        // given records settled just before the journal stops (the outbox consumer stops first, at shutdown)
        TopicPartition partition = partition(0);
        for (long offset = 0; offset < 200; offset++) {
            journal.settled(partition, offset, offset);
        }

        // when it stops
        journal.stop();

        // then every row is there at once
        assertThat(settledFrom(partition, 0)).hasSize(200);
    }

    @Test
    void recordsSettledWhileTheQueueIsFullAreCounted() {
        // given a journal with room for two rows whose writer does not run
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SettledJournal stalled = new SettledJournal(database, meters, 2, PRUNE_EVERY);

        // when three records are settled
        stalled.settled(partition(0), 1, 10L);
        stalled.settled(partition(0), 2, 20L);
        stalled.settled(partition(0), 3, 30L);

        // then the third is counted as unrecorded
        assertThat(meters.counter(SettledJournal.UNRECORDED).count()).isEqualTo(1.0);
    }

    /** What the journal read back for one partition, from {@code from} on. */
    private Map<Long, Long> settledFrom(TopicPartition partition, long from) {
        return journal.settledFrom(Map.of(partition, from)).getOrDefault(partition, Map.of());
    }

    private TopicPartition partition(int number) {
        return new TopicPartition(topic, number);
    }
}
