package io.contactdesk.notifier.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two notifiers, each holding half of {@code tg.outbox}'s partitions, while PostgreSQL is away: each keeps the limits
 * on its fallback buckets alone, both sending as fast as their buckets let them ({@link BotWideLimitModel}).
 */
class TwoNotifiersWithoutDatabaseTest {

    private final FallbackBucketsTest.Clock clock = new FallbackBucketsTest.Clock();

    @Test
    void twoNotifiersOnTheirOwnBucketsTogetherStayWithinTelegramsBotWideLimit() {
        // when both send to chats of their own partitions for 10 s, as fast as their buckets allow
        BotWideLimitModel.Result result = BotWideLimitModel.run(clock, notifierHolding(6), notifierHolding(6),
                Duration.ofSeconds(10));

        // then Telegram never answered 429, and together they still used the whole limit
        assertThat(result.tooManyRequests()).isZero();
        assertThat(result.sent()).isBetween(290, 330);
    }

    private FloodControl notifierHolding(int partitions) {
        FallbackBuckets buckets = new FallbackBuckets(new LocalBuckets(clock), FallbackBucketsTest.share(partitions, 12));
        return new FloodControl(buckets, FloodSettings.local(), clock, nanos -> true, new SimpleMeterRegistry());
    }
}
