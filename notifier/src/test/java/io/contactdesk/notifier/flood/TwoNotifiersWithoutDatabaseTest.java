package io.contactdesk.notifier.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two notifiers, each holding half of {@code tg.outbox}'s partitions, while PostgreSQL is away: each keeps the limits
 * on its fallback buckets alone, both sending as fast as their buckets let them, on one fake clock. Telegram is
 * modelled as the sandbox enforces it, a bot-wide bucket of 30 refilled at 30 a second.
 */
class TwoNotifiersWithoutDatabaseTest {

    private static final long MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);
    // Enough chats that no chat's own limit holds a notifier back: only the bot-wide one does.
    private static final int CHATS_EACH = 5_000;

    private final FallbackBucketsTest.Clock clock = new FallbackBucketsTest.Clock();
    private final Bucket telegram = Bucket.builder().withCustomTimePrecision(clock)
            .addLimit(limit -> limit.capacity(30).refillGreedy(30, Duration.ofSeconds(1))).build();

    @Test
    void twoNotifiersOnTheirOwnBucketsTogetherStayWithinTelegramsBotWideLimit() {
        FloodControl first = notifierHolding(6);
        FloodControl second = notifierHolding(6);
        int sent = 0;
        int tooManyRequests = 0;

        // when both send to chats of their own partitions for 10 s, as fast as their buckets allow
        for (long tick = 0; tick < 10_000; tick++) {
            for (FloodControl notifier : new FloodControl[] {first, second}) {
                long chat = (notifier == first ? 0 : CHATS_EACH) + tick % CHATS_EACH;
                if (notifier.tryPermit(chat, "sendMessage")) {
                    sent++;
                    if (!telegram.tryConsume(1)) {
                        tooManyRequests++;
                    }
                }
            }
            clock.now += MILLISECOND;
        }

        // then Telegram never answered 429, and together they still used the whole limit
        assertThat(tooManyRequests).isZero();
        assertThat(sent).isBetween(290, 330);
    }

    private FloodControl notifierHolding(int partitions) {
        FallbackBuckets buckets = new FallbackBuckets(new LocalBuckets(clock), FallbackBucketsTest.share(partitions, 12));
        return new FloodControl(buckets, FloodSettings.local(), clock, nanos -> true, new SimpleMeterRegistry());
    }
}
