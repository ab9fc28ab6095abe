package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class PromptCommitsTest {

    private static final long T0 = 1_765_000_000_000L;

    private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    private final PromptCommits commits = new PromptCommits(Duration.ofMillis(20));

    @Test
    void aFreshUpdateThatCameAloneIsCommittedAtOnce() {
        processed(T0, T0 + 30);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void anUpdateProducedWithinTheIntervalOfThePreviousOneWaitsForTheCommitInterval() {
        processed(T0, T0 + 30);
        context.resetCommit();

        processed(T0 + 19, T0 + 49);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void anUpdateProducedAnIntervalAfterThePreviousOneIsCommittedAtOnceAgain() {
        processed(T0, T0 + 30);
        processed(T0 + 5, T0 + 35);
        context.resetCommit();

        processed(T0 + 25, T0 + 55);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void denseInputLeavesTheCommitsToKafkaStreamsInterval() {
        int asked = 0;
        for (long at = T0; at <= T0 + 200; at += 5) {
            context.resetCommit();
            processed(at, at + 30);
            asked += context.committed() ? 1 : 0;
        }

        assertThat(asked).as("commits asked for by 41 updates produced 5 ms apart").isEqualTo(1);
    }

    @Test
    void aThreadSlowedByItsOwnCommitsDoesNotCommitRecordByRecord() {
        // Updates produced 5 ms apart, each processed 25 ms after the previous one (an exactly-once commit between
        // them): the gaps are the thread's, not the input's, and asking for a commit each time would keep it so slow.
        int asked = 0;
        for (int i = 0; i < 40; i++) {
            context.resetCommit();
            processed(T0 + 5L * i, T0 + 30 + 25L * i);
            asked += context.committed() ? 1 : 0;
        }

        assertThat(asked).as("commits asked for by 40 updates processed 25 ms apart").isEqualTo(1);
    }

    @Test
    void aBacklogIsNotCommittedRecordByRecordHoweverSparseItWasProduced() {
        // The processor was down for a while: updates produced a second apart, all waiting, processed 1 ms apart.
        int asked = 0;
        long processedAt = T0 + 600_000;
        for (int i = 0; i < 100; i++) {
            context.resetCommit();
            processed(T0 + 1_000L * i, processedAt + i);
            asked += context.committed() ? 1 : 0;
        }

        assertThat(asked).as("commits asked for by a backlog of 100 old updates").isZero();
    }

    private void processed(long producedMs, long wallClockMs) {
        context.setCurrentSystemTimeMs(wallClockMs);
        commits.recordProcessed(context, producedMs);
    }
}
