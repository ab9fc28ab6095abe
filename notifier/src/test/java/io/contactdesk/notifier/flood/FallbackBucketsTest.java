package io.contactdesk.notifier.flood;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What one notifier keeps of the limits while PostgreSQL is away: its share of the bot-wide ones, every chat's whole. */
class FallbackBucketsTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final FloodSettings settings = FloodSettings.local();
    private final Clock clock = new Clock();

    @Test
    void halfThePartitionsKeepHalfTheBotWideRateAndBurst() {
        Bandwidth half = FallbackBuckets.scaled(settings.global(), 6, 12).getBandwidths()[0];

        // 30/s burst 3 becomes 15/s burst 1
        assertThat(half.getCapacity()).isEqualTo(1);
        assertThat((double) half.getRefillTokens() * SECOND / half.getRefillPeriodNanos()).isCloseTo(15.0,
                offset(0.01));
    }

    @Test
    void everyPartitionKeepsTheWholeLimit() {
        BucketConfiguration whole = settings.global();

        assertThat(FallbackBuckets.scaled(whole, 12, 12)).isSameAs(whole);
    }

    @Test
    void aNotifierWithoutPartitionsKeepsOnePartitionsWorthOfTheBotWideRate() {
        FallbackBuckets buckets = new FallbackBuckets(new LocalBuckets(clock), share(0, 12));

        // 30/s over 12 partitions: one message every 400 ms
        assertThat(granted(buckets, FloodControl.GLOBAL_KEY, settings.global(), 10 * SECOND)).isBetween(25, 26);
    }

    @Test
    void aChatsLimitIsNotDividedSinceOneChatIsOnOnePartition() {
        FallbackBuckets buckets = new FallbackBuckets(new LocalBuckets(clock), share(1, 12));

        // a burst of 3, then one a second
        assertThat(granted(buckets, FloodControl.chatKey(42), settings.chat(42), 10 * SECOND)).isEqualTo(12);
    }

    @Test
    void theBulkShareIsDividedLikeTheBotWideOne() {
        FallbackBuckets buckets = new FallbackBuckets(new LocalBuckets(clock), share(6, 12));

        // 28/s over half the partitions: 14/s, after a burst of 1
        assertThat(granted(buckets, FloodControl.BULK_KEY, settings.bulk(), 10 * SECOND)).isBetween(139, 141);
    }

    private int granted(FallbackBuckets buckets, String key, BucketConfiguration configuration, long duration) {
        int granted = 0;
        for (long elapsed = 0; elapsed < duration; elapsed += TimeUnit.MILLISECONDS.toNanos(1)) {
            if (buckets.tryConsume(key, configuration).isConsumed()) {
                granted++;
            }
            clock.now += TimeUnit.MILLISECONDS.toNanos(1);
        }
        return granted;
    }

    static OutboxShare share(int owned, int total) {
        return new OutboxShare() {
            @Override
            public int owned() {
                return owned;
            }

            @Override
            public int total() {
                return total;
            }
        };
    }

    static final class Clock implements TimeMeter {

        long now;

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
