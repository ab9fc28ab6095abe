package io.contactdesk.notifier.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTextTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final BroadcastTotals ALL_SHARDS = new BroadcastTotals("b3f", 5_000, true, 42, 7);

    @Test
    void runningBroadcastShowsCountsAndAnEtaFromTheRateSoFar() {
        // given 1,203 of 5,000 settled in the first 40 s
        BroadcastLedger.Tally tally = new BroadcastLedger.Tally(1_200, 3, 0, 2, START);

        // when
        BroadcastProgress progress = BroadcastProgress.of(ALL_SHARDS, tally, false, START.plusSeconds(40));

        // then 3,797 left at about 30 a second: a little over 2 minutes
        assertThat(progress.state()).isEqualTo(BroadcastProgress.State.RUNNING);
        assertThat(ProgressText.of(progress))
                .isEqualTo("📣 Broadcast b3f: sent 1,200 / 5,000 · 3 blocked · 0 failed · ETA 3 min");
    }

    @Test
    void totalIsALowerBoundUntilEveryTaskReported() {
        BroadcastTotals someShards = new BroadcastTotals("b3f", 2_000, false, 42, 7);

        String text = ProgressText.of(BroadcastProgress.of(someShards, new BroadcastLedger.Tally(10, 0, 0, 0, START),
                false, START.plusSeconds(1)));

        assertThat(text).isEqualTo("📣 Broadcast b3f: sent 10 / ≥2,000 · 0 blocked · 0 failed");
    }

    @Test
    void everyRecipientSettledIsFinished() {
        BroadcastLedger.Tally tally = new BroadcastLedger.Tally(4_997, 3, 0, 0, START);

        BroadcastProgress progress = BroadcastProgress.of(ALL_SHARDS, tally, false, START.plusSeconds(200));

        assertThat(progress.state()).isEqualTo(BroadcastProgress.State.FINISHED);
        assertThat(ProgressText.of(progress)).isEqualTo("✅ Broadcast b3f finished: 4,997 sent · 3 blocked");
    }

    @Test
    void failuresShowInTheFinalTextOnlyWhenThereAreAny() {
        BroadcastLedger.Tally tally = new BroadcastLedger.Tally(4_990, 3, 7, 0, START);

        assertThat(ProgressText.of(BroadcastProgress.of(ALL_SHARDS, tally, false, START)))
                .isEqualTo("✅ Broadcast b3f finished: 4,990 sent · 3 blocked · 7 failed");
    }

    @Test
    void cancelledBroadcastEndsOnceItsCallsUnderWayLanded() {
        // given a cancellation while two calls are still under way
        BroadcastProgress landing = BroadcastProgress.of(ALL_SHARDS, new BroadcastLedger.Tally(1_198, 0, 0, 2, START),
                true, START);
        // and once they landed
        BroadcastProgress landed = BroadcastProgress.of(ALL_SHARDS, new BroadcastLedger.Tally(1_200, 0, 0, 0, START),
                true, START);

        // then
        assertThat(landing.state()).isEqualTo(BroadcastProgress.State.RUNNING);
        assertThat(landed.state()).isEqualTo(BroadcastProgress.State.CANCELLED);
        assertThat(ProgressText.of(landed)).isEqualTo("⛔ Broadcast b3f cancelled after 1,200 sent");
    }

    @Test
    void etaIsRoundedUpToMinutesAndHoursWhenLong() {
        assertThat(ProgressText.eta(Duration.ofSeconds(20))).isEqualTo("<1 min");
        assertThat(ProgressText.eta(Duration.ofSeconds(61))).isEqualTo("2 min");
        assertThat(ProgressText.eta(Duration.ofMinutes(150))).isEqualTo("3 h");
    }
}
