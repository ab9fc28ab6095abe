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
    void aFreshUpdateIsCommittedAtOnce() {
        processed(T0, T0 + 30);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void aFreshUpdateWithinThePromptIntervalOfTheLastAskWaits() {
        processed(T0, T0 + 30);
        context.resetCommit();

        processed(T0 + 1, T0 + 49);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void aFreshUpdateAPromptIntervalAfterTheLastAskIsCommittedAtOnceAgain() {
        processed(T0, T0 + 30);
        processed(T0 + 5, T0 + 35);
        context.resetCommit();

        processed(T0 + 6, T0 + 50);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void aSteadyLoadKeptUpWithIsCommittedEveryPromptInterval() {
        int asked = 0;
        for (long at = T0; at <= T0 + 200; at += 5) {
            context.resetCommit();
            processed(at, at + 30);
            asked += context.committed() ? 1 : 0;
        }

        assertThat(asked).as("commits asked for by 41 updates produced 5 ms apart over 200 ms").isEqualTo(11);
    }

    @Test
    void aThreadFallingBehindStopsAskingOnceItsUpdatesAreStale() {
        // Updates produced 5 ms apart, each processed 25 ms after the previous one: the thread falls behind by 20 ms
        // an update, and its asks (one a prompt interval at most) stop once the updates are 100 ms old.
        int asked = 0;
        int askedWhenStale = 0;
        for (int i = 0; i < 40; i++) {
            context.resetCommit();
            long produced = T0 + 5L * i;
            long wallClock = T0 + 30 + 25L * i;
            processed(produced, wallClock);
            asked += context.committed() ? 1 : 0;
            askedWhenStale += context.committed() && wallClock - produced > 100 ? 1 : 0;
        }

        assertThat(asked).as("commits asked for while the updates were fresh").isEqualTo(4);
        assertThat(askedWhenStale).isZero();
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
