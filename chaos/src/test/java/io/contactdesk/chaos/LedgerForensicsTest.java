package io.contactdesk.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LedgerForensicsTest {

    private static final TopicPartition PARTITION = new TopicPartition("credit.ledger", 3);
    private static final Instant AT = Instant.parse("2026-12-06T05:00:00Z");

    private static LedgerForensics.Located entry(String id, long sequence, long offset) {
        return new LedgerForensics.Located(new LedgerEntry(id, 10054, -1, 0, LedgerKind.UNLOCK, "unlock x", id, AT,
                sequence), PARTITION, offset);
    }

    @Test
    void anEntryBehindTheCommittedOffsetButNotInTheTableWasSkipped() {
        LedgerForensics.Located missing = entry("update:9/ledger:0", 11, 40);

        assertThat(LedgerForensics.explainUser(10054, Map.of(missing.entry().entryId(), missing),
                Map.of(missing.entry().entryId(), missing), Map.of(), Map.of(PARTITION, new OffsetAndMetadata(41))))
                .anyMatch(line -> line.contains("not in PostgreSQL: sequence 11") && line.contains("past it"));
    }

    @Test
    void anEntryAheadOfTheCommittedOffsetIsNotYetWritten() {
        LedgerForensics.Located pending = entry("update:9/ledger:0", 11, 40);

        assertThat(LedgerForensics.explainUser(10054, Map.of(pending.entry().entryId(), pending),
                Map.of(pending.entry().entryId(), pending), Map.of(), Map.of(PARTITION, new OffsetAndMetadata(40))))
                .anyMatch(line -> line.contains("not yet past it"));
    }

    @Test
    void aSequenceTakenTwiceOnTheTopicIsTheProcessors() {
        LedgerForensics.Located one = entry("update:9/ledger:0", 11, 40);
        LedgerForensics.Located two = entry("update:12/ledger:0", 11, 44);
        Map<String, LedgerForensics.Located> committed = Map.of(one.entry().entryId(), one, two.entry().entryId(), two);

        assertThat(LedgerForensics.explainUser(10054, committed, committed,
                Map.of("10054|update:9/ledger:0", 11L, "10054|update:12/ledger:0", 11L), Map.of()))
                .anyMatch(line -> line.contains("sequence 11 taken by 2 committed entries"));
    }

    @Test
    void aRowWhoseEntryWasNeverCommittedCameFromAnAbortedTransaction() {
        LedgerForensics.Located aborted = entry("update:9/ledger:0", 11, 40);

        assertThat(LedgerForensics.explainUser(10054, Map.of(), Map.of(aborted.entry().entryId(), aborted),
                Map.of("10054|update:9/ledger:0", 11L), Map.of()))
                .anyMatch(line -> line.contains("in PostgreSQL but never committed on the topic")
                        && line.contains("an aborted record at credit.ledger-3@40"));
    }
}
