package io.contactdesk.ops.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputBoardTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final Map<String, Long> ends = new HashMap<>();
    private final ThroughputBoard board = new ThroughputBoard(() -> Map.copyOf(ends), new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    });
    private Instant now = T0;

    @Test
    void nothingIsKnownBeforeTheFirstSample() {
        assertThat(board.latest().sampledAt()).isNull();
        assertThat(board.latest().perSecond()).isEmpty();
    }

    @Test
    void theFirstSampleHasNoRate() {
        ends.put("tg.updates", 100L);

        board.accept(List.of());

        assertThat(board.latest().sampledAt()).isEqualTo(T0.toEpochMilli());
        assertThat(board.latest().endOffsets()).containsEntry("tg.updates", 100L);
        assertThat(board.latest().perSecond()).containsKey("tg.updates");
        assertThat(board.latest().perSecond().get("tg.updates")).isNull();
    }

    @Test
    void twoSamplesGiveTheChangeOfEndOffsetsPerSecond() {
        ends.put("tg.updates", 100L);
        ends.put("tg.outbox", 7L);
        board.accept(List.of());

        now = T0.plus(Duration.ofSeconds(4));
        ends.put("tg.updates", 150L);
        board.accept(List.of());

        assertThat(board.latest().perSecond()).containsEntry("tg.updates", 12.5).containsEntry("tg.outbox", 0.0);
        assertThat(board.latest().sampledAt()).isEqualTo(now.toEpochMilli());

        // and the next interval is measured against the second sample only
        now = now.plus(Duration.ofMillis(500));
        ends.put("tg.updates", 151L);
        board.accept(List.of());
        assertThat(board.latest().perSecond()).containsEntry("tg.updates", 2.0);
    }

    @Test
    void aTopicThatDoesNotExistIsAbsentAndANewOneHasNoRateYet() {
        ends.put("tg.updates", 0L);
        board.accept(List.of());

        now = T0.plus(Duration.ofSeconds(1));
        ends.put("users", 5L);
        board.accept(List.of());

        assertThat(board.latest().perSecond()).doesNotContainKey("listings");
        assertThat(board.latest().perSecond()).containsKey("users");
        assertThat(board.latest().perSecond().get("users")).isNull();
        assertThat(board.latest().perSecond()).containsEntry("tg.updates", 0.0);
    }

    @Test
    void offsetsGoingBackOrNoElapsedTimeGiveNoRate() {
        ThroughputBoard.Sample before = new ThroughputBoard.Sample(1_000, Map.of("a", 10L, "b", 10L));
        ThroughputBoard.Sample after = new ThroughputBoard.Sample(2_000, Map.of("a", 3L, "b", 20L));

        assertThat(ThroughputBoard.rates(before, after).get("a")).isNull();
        assertThat(ThroughputBoard.rates(before, after)).containsEntry("b", 10.0);
        assertThat(ThroughputBoard.rates(before, before).get("b")).isNull();
        assertThat(ThroughputBoard.rates(null, after).get("b")).isNull();
    }
}
