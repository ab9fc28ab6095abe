package io.contactdesk.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BulkLaneTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final InteractiveActivity replies = new InteractiveActivity(Duration.ofMillis(200), nanos::get);

    @Test
    void idleRepliesLetBulkGoAtOnce() {
        // given no reply in hand for long
        FakeTime time = new FakeTime();
        BulkLane lane = new BulkLane(replies, time, Duration.ofSeconds(30), m -> true);

        // when / then
        assertThat(lane.awaitTurn()).isTrue();
        assertThat(time.pauses()).isEmpty();
    }

    @Test
    void bulkWaitsWhileAReplyIsInHandAndForTheQuietPeriodAfter() {
        // given the reply listener holds a record that takes 100 ms
        replies.taken();
        Pause clockedPause = duration -> {
            nanos.addAndGet(duration.toNanos());
            if (nanos.get() >= 1_100_000_000L && replies.busy() && nanos.get() < 1_120_000_000L) {
                replies.released();
            }
            return true;
        };
        BulkLane lane = new BulkLane(replies, clockedPause, Duration.ofSeconds(30), m -> true);

        // when
        assertThat(lane.awaitTurn()).isTrue();

        // then it went only once the reply was done and 200 ms had passed without another
        assertThat(nanos.get() - 1_000_000_000L).isGreaterThanOrEqualTo(300_000_000L).isLessThan(340_000_000L);
        assertThat(replies.busy()).isFalse();
    }

    @Test
    void aSteadyStreamOfRepliesDelaysBulkAtMostMaxYield() {
        // given replies that never pause
        replies.taken();
        FakeTime time = new FakeTime();
        BulkLane lane = new BulkLane(replies, time, Duration.ofSeconds(1), m -> true);

        // when
        assertThat(lane.awaitTurn()).isTrue();

        // then
        assertThat(time.pauses().stream().mapToLong(Duration::toMillis).sum()).isEqualTo(1_000);
    }

    @Test
    void stoppingWhileYieldingEndsTheWait() {
        replies.taken();
        FakeTime time = new FakeTime();
        time.stop();

        assertThat(new BulkLane(replies, time, Duration.ofSeconds(30), m -> true).awaitTurn()).isFalse();
    }
}
