package io.contactdesk.notifier.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flood control on in-memory buckets and a fake clock that moves only when flood control waits: every grant,
 * refusal and wait is checked exactly, nothing is slept.
 */
class FloodControlTest {

    private static final long PRIVATE_CHAT = 42;
    private static final long OTHER_PRIVATE_CHAT = 43;
    private static final long GROUP = -100_123;
    private static final String SEND = "sendMessage";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final FakeClock clock = new FakeClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private FloodControl flood = flood(FloodSettings.local());

    @AfterEach
    void close() {
        flood.close();
    }

    @Test
    void aPrivateChatHasABurstOfThreeThenOnePerSecond() {
        // 5 immediate requests: the 4th and 5th are refused until the bucket refills
        assertThat(tryPermits(PRIVATE_CHAT, 5)).containsExactly(true, true, true, false, false);

        clock.advance(SECOND / 2);
        assertThat(flood.tryPermit(PRIVATE_CHAT, SEND)).isFalse();
        clock.advance(SECOND / 2);
        assertThat(tryPermits(PRIVATE_CHAT, 2)).containsExactly(true, false);
        clock.advance(SECOND);
        assertThat(tryPermits(PRIVATE_CHAT, 2)).containsExactly(true, false);
    }

    @Test
    void aCallBeyondTheCallsInFlightGetsItsPermitOnlyOnceOneOfThemWasAnswered() throws Exception {
        // buckets that never make anyone wait: only the places among the calls in flight can
        flood = flood(settings(1_000, 1_000, 1_000, 1_000, 60_000, 1_000));
        int places = FloodControl.CALLS_IN_FLIGHT;
        ExecutorService callers = Executors.newFixedThreadPool(places + 1);
        try {
            // given as many calls in flight as there are places, none answered yet
            CountDownLatch permitted = new CountDownLatch(places);
            CountDownLatch answer = new CountDownLatch(1);
            for (int i = 0; i < places; i++) {
                long chat = 1_000 + i;
                callers.submit(() -> {
                    flood.awaitPermit(chat, SEND);
                    permitted.countDown();
                    answer.await();
                    flood.callEnded();
                    return null;
                });
            }
            assertThat(permitted.await(10, TimeUnit.SECONDS)).isTrue();

            // when one more call asks for its permit, it waits
            Future<Boolean> next = callers.submit(() -> flood.awaitPermit(2_000, SEND));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !next.isDone());

            // then it goes as soon as the calls in flight were answered
            answer.countDown();
            assertThat(next.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void awaitPermitWaitsForTheRefillOfTheChatsBucket() throws Exception {
        // when 5 calls for one chat come at once
        for (int i = 0; i < 5; i++) {
            assertThat(flood.awaitPermit(PRIVATE_CHAT, SEND)).isTrue();
        }

        // then the first 3 went at once, the 4th and 5th each waited for a token a second later
        assertThat(clock.waitedTotal()).isEqualTo(2 * SECOND);
        assertThat(clock.now()).isEqualTo(2 * SECOND);
        Timer waits = meters.find(FloodControl.WAIT_TIMER).timer();
        assertThat(waits.count()).isEqualTo(5);
        assertThat(waits.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(2.0 * SECOND);
        assertThat(waits.max(TimeUnit.NANOSECONDS)).isEqualTo(1.0 * SECOND);
    }

    @Test
    void differentChatsAreIndependent() throws Exception {
        // given one chat used up its burst
        assertThat(tryPermits(PRIVATE_CHAT, 4)).containsExactly(true, true, true, false);
        flood = flood(settings(1_000, 1_000, 1, 3, 20, 3));
        assertThat(tryPermits(PRIVATE_CHAT, 4)).containsExactly(true, true, true, false);

        // then another chat still has its whole burst, at once
        for (int i = 0; i < 3; i++) {
            assertThat(flood.awaitPermit(OTHER_PRIVATE_CHAT, SEND)).isTrue();
        }
        assertThat(clock.waitedTotal()).isZero();
    }

    @Test
    void aGroupHasTwentyPerMinute() throws Exception {
        // given a group chat (negative id): a burst of 3, then one every 3 s
        assertThat(tryPermits(GROUP, 4)).containsExactly(true, true, true, false);
        clock.advance(2 * SECOND);
        assertThat(flood.tryPermit(GROUP, SEND)).isFalse();
        clock.advance(SECOND);
        assertThat(tryPermits(GROUP, 2)).containsExactly(true, false);

        // when 20 more are sent as fast as allowed, they take exactly a minute
        long before = clock.now();
        for (int i = 0; i < 20; i++) {
            assertThat(flood.awaitPermit(GROUP, SEND)).isTrue();
        }
        assertThat(clock.now() - before).isEqualTo(60 * SECOND);
    }

    @Test
    void theBotAsAWholeHasThirtyPerSecond() throws Exception {
        // when 300 chats get one message each, as fast as allowed
        for (int chat = 1; chat <= 300; chat++) {
            assertThat(flood.awaitPermit(chat, SEND)).isTrue();
        }

        // then after the global burst of 3, the other 297 went at 30 per second
        assertThat(clock.now()).isBetween(297 * SECOND / 30 - 1_000, 297 * SECOND / 30 + 1_000);
        // and every single wait was for the next global token (1/30 s), never more
        assertThat(clock.waits()).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(SECOND / 30 + 1));
    }

    @Test
    void broadcastTrafficTakesAtMostItsShareOfTheBotWideRate() throws Exception {
        // given 30/s for the bot, of which broadcasts may take 28/s
        flood = flood(new FloodSettings("local", null, 30, 3, 28.0, 1, 3, 20, 3, Duration.ofMinutes(1)));

        // when 280 chats get a broadcast message each, as fast as allowed
        for (int chat = 1; chat <= 280; chat++) {
            assertThat(flood.awaitBulkPermit(chat, SEND)).isTrue();
        }

        // then after the burst of 3, they went at 28 per second, not 30
        assertThat(clock.now()).isBetween(277 * SECOND / 28 - 1_000, 277 * SECOND / 28 + 1_000);
    }

    @Test
    void aReplyFindsABotWideTokenWhileABroadcastRunsFlatOut() throws Exception {
        // given a broadcast that has been sending as fast as its share allows for ten seconds
        flood = flood(new FloodSettings("local", null, 30, 3, 28.0, 1, 3, 20, 3, Duration.ofMinutes(1)));
        for (int chat = 1_001; chat <= 1_280; chat++) {
            flood.awaitBulkPermit(chat, SEND);
        }
        int waitsBefore = clock.waits().size();

        // when a user's reply asks for its permit
        assertThat(flood.awaitPermit(PRIVATE_CHAT, SEND)).isTrue();

        // then it got one at once: the bot-wide bucket kept what the broadcast left
        assertThat(clock.waits()).hasSize(waitsBefore);
    }

    @Test
    void aChatThatMustWaitTakesNothingFromTheBotWideBucket() {
        // given a bot-wide burst of 5, 3 of them used by one chat
        flood = flood(settings(1, 5, 1, 3, 20, 3));
        assertThat(tryPermits(PRIVATE_CHAT, 3)).containsOnly(true);

        // when that chat is refused again and again
        assertThat(tryPermits(PRIVATE_CHAT, 10)).containsOnly(false);

        // then the other 2 bot-wide tokens are still there for other chats
        assertThat(tryPermits(OTHER_PRIVATE_CHAT, 3)).containsExactly(true, true, false);
    }

    @Test
    void answerCallbackQueryIsNeverHeldBack() throws Exception {
        for (int i = 0; i < 100; i++) {
            assertThat(flood.awaitPermit(PRIVATE_CHAT, "answerCallbackQuery")).isTrue();
        }
        assertThat(clock.waitedTotal()).isZero();
        // and it leaves the chat's messages their whole burst
        assertThat(tryPermits(PRIVATE_CHAT, 4)).containsExactly(true, true, true, false);
    }

    @Test
    void aPreCheckoutAnswerIsNeverHeldBackEvenWhenTheChatsBucketIsEmpty() throws Exception {
        assertThat(tryPermits(PRIVATE_CHAT, 4)).containsExactly(true, true, true, false);

        for (int i = 0; i < 10; i++) {
            assertThat(flood.awaitPermit(PRIVATE_CHAT, "answerPreCheckoutQuery")).isTrue();
        }
        assertThat(clock.waitedTotal()).isZero();
    }

    @Test
    void editsAreMessagesToo() {
        assertThat(tryPermits(PRIVATE_CHAT, 2)).containsOnly(true);
        assertThat(flood.tryPermit(PRIVATE_CHAT, "editMessageText")).isTrue();
        assertThat(flood.tryPermit(PRIVATE_CHAT, "editMessageText")).isFalse();
    }

    @Test
    void aWaitLongerThanTheBoundFailsWithoutWaiting() {
        // given a group whose next token is 3 s away, and a bound of 2 s
        flood = flood(new FloodSettings("local", null, 30, 3, 28.0, 1, 3, 20, 3, Duration.ofSeconds(2)));
        assertThat(tryPermits(GROUP, 3)).containsOnly(true);

        // when / then
        assertThatThrownBy(() -> flood.awaitPermit(GROUP, SEND))
                .isInstanceOf(FloodControl.FloodWaitTimeoutException.class)
                .hasMessageContaining("chat " + GROUP).hasMessageContaining("within 2 s");
        assertThat(clock.waitedTotal()).isZero();
    }

    @Test
    void aStoppedServiceEndsTheWaitAtOnce() throws Exception {
        // given the real waiter, and a chat that has used up its burst
        FloodControl real = new FloodControl(new LocalBuckets(TimeMeter.SYSTEM_NANOTIME), FloodSettings.local(),
                TimeMeter.SYSTEM_NANOTIME, null, meters);
        for (int i = 0; i < 3; i++) {
            assertThat(real.tryPermit(PRIVATE_CHAT, SEND)).isTrue();
        }

        // when the service stops
        real.stop();

        // then the next call is not permitted, and does not wait for the refill
        long started = System.nanoTime();
        assertThat(real.awaitPermit(PRIVATE_CHAT, SEND)).isFalse();
        assertThat(System.nanoTime() - started).isLessThan(SECOND / 2);
        real.close();
    }

    @Test
    void anInterruptedWaitThrows() {
        FloodControl real = new FloodControl(new LocalBuckets(TimeMeter.SYSTEM_NANOTIME), FloodSettings.local(),
                TimeMeter.SYSTEM_NANOTIME, null, meters);
        for (int i = 0; i < 3; i++) {
            assertThat(real.tryPermit(PRIVATE_CHAT, SEND)).isTrue();
        }
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> real.awaitPermit(PRIVATE_CHAT, SEND)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
            real.close();
        }
    }

    @Test
    void tooManyRequestsAreCountedByMethod() {
        flood.tooManyRequests(SEND);
        flood.tooManyRequests(SEND);
        flood.tooManyRequests("editMessageText");

        assertThat(meters.find(FloodControl.TOO_MANY_REQUESTS).tag("method", SEND).counter().count()).isEqualTo(2.0);
        assertThat(meters.find(FloodControl.TOO_MANY_REQUESTS).tag("method", "editMessageText").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void fullBucketsArePrunedAndComeBackFull() {
        LocalBuckets buckets = new LocalBuckets(clock);
        FloodSettings limits = FloodSettings.local();
        buckets.tryConsume("chat:1", limits.chat(1));
        buckets.tryConsume("chat:2", limits.chat(2));
        clock.advance(SECOND);

        // chat 1 refilled after a second (1 of 3 used), chat 2 not yet after its second use
        buckets.tryConsume("chat:2", limits.chat(2));
        buckets.tryConsume("chat:2", limits.chat(2));
        buckets.prune();

        assertThat(buckets.size()).isEqualTo(1);
    }

    // ---

    private FloodControl flood(FloodSettings settings) {
        return new FloodControl(new LocalBuckets(clock), settings, clock, clock::sleep, meters);
    }

    private static FloodSettings settings(double globalPerSecond, int globalBurst, double chatPerSecond, int chatBurst,
            double groupPerMinute, int groupBurst) {
        return new FloodSettings("local", null, globalPerSecond, globalBurst, null, chatPerSecond, chatBurst, groupPerMinute,
                groupBurst, Duration.ofMinutes(1));
    }

    private List<Boolean> tryPermits(long chatId, int count) {
        List<Boolean> granted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            granted.add(flood.tryPermit(chatId, SEND));
        }
        return granted;
    }

    /** Bucket4j's time and flood control's waits: waiting moves the clock by exactly the wait. */
    private static final class FakeClock implements TimeMeter {

        private final List<Long> waits = new ArrayList<>();
        private long now;

        boolean sleep(long nanos) {
            waits.add(nanos);
            now += nanos;
            return true;
        }

        void advance(long nanos) {
            now += nanos;
        }

        long now() {
            return now;
        }

        List<Long> waits() {
            return waits;
        }

        long waitedTotal() {
            return waits.stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public long currentTimeNanos() {
            return now;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
