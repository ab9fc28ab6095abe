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
    void aRecordAfterAQuietSpellIsCommittedAtOnce() {
        processedAt(T0);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void aRecordWithinTheIntervalOfThePreviousOneWaitsForTheCommitInterval() {
        processedAt(T0);
        context.resetCommit();

        processedAt(T0 + 19);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void aRecordAfterAnIntervalWithoutRecordsIsCommittedAtOnceAgain() {
        processedAt(T0);
        processedAt(T0 + 5);
        context.resetCommit();

        processedAt(T0 + 25);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void backToBackRecordsLeaveTheCommitsToKafkaStreamsInterval() {
        int asked = 0;
        for (long at = T0; at <= T0 + 200; at += 5) {
            context.resetCommit();
            processedAt(at);
            asked += context.committed() ? 1 : 0;
        }

        assertThat(asked).as("commits asked for by 41 records 5 ms apart").isEqualTo(1);
    }

    private void processedAt(long wallClockMs) {
        context.setCurrentSystemTimeMs(wallClockMs);
        commits.recordProcessed(context);
    }
}
