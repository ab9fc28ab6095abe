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
    void aRecordWithinTheIntervalOfTheLastRequestWaitsForTheCommitInterval() {
        processedAt(T0);
        context.resetCommit();

        processedAt(T0 + 19);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void theFirstRecordAfterTheIntervalIsCommittedAtOnceAgain() {
        processedAt(T0);
        processedAt(T0 + 5);
        context.resetCommit();

        processedAt(T0 + 20);

        assertThat(context.committed()).isTrue();
    }

    private void processedAt(long wallClockMs) {
        context.setCurrentSystemTimeMs(wallClockMs);
        commits.recordProcessed(context);
    }
}
