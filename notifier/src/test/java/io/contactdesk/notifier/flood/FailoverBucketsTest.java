package io.contactdesk.notifier.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FailoverBucketsTest {

    private static final long MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final BucketConfiguration ONE_A_SECOND = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(1).refillGreedy(1, Duration.ofSeconds(1))).build();

    private final FallbackBucketsTest.Clock clock = new FallbackBucketsTest.Clock();
    /** The rows in PostgreSQL, which every notifier takes from while it reaches them. */
    private final LocalBuckets rows = new LocalBuckets(clock);
    private final List<RuntimeException> warned = new ArrayList<>();

    @Test
    void aCallPostgresqlDoesNotAnswerIsServedByTheFallback() {
        Database database = new Database(0, Long.MAX_VALUE);
        FailoverBuckets buckets = notifier(database, 12);

        assertThat(buckets.tryConsume("chat:1", ONE_A_SECOND).isConsumed()).isTrue();
        assertThat(warned).hasSize(1);
    }

    @Test
    void afterAFailureTheFallbackServesAloneBeforePostgresqlIsAskedAgain() {
        Database database = new Database(0, 1);
        FailoverBuckets buckets = notifier(database, 12);
        buckets.tryConsume("chat:1", ONE_A_SECOND);

        clock.now = FailoverBuckets.FALLBACK_ONLY_SECONDS * SECOND - MILLISECOND;
        buckets.tryConsume("chat:2", ONE_A_SECOND);

        assertThat(database.calls).isEqualTo(1);
    }

    @Test
    void backFromTheFallbackAChatTakesFromItsRowAgain() {
        Database database = new Database(0, 1);
        FailoverBuckets buckets = notifier(database, 12);
        buckets.tryConsume("chat:1", ONE_A_SECOND);

        clock.now = FailoverBuckets.BOTH_AFTER_FAILURE_SECONDS * SECOND;

        assertThat(buckets.tryConsume("chat:1", ONE_A_SECOND).isConsumed()).isTrue();
        assertThat(rows.tryConsume("chat:1", ONE_A_SECOND).isConsumed()).as("the row's token was taken").isFalse();
    }

    /**
     * Two notifiers, each with half of the partitions, sending as fast as their buckets allow through a 30-second
     * outage ({@link BotWideLimitModel}); the second one's connections come back 4 s after the first one's (a pool
     * reconnects on its own clock).
     */
    @Test
    void notifiersComingBackAtDifferentMomentsStayWithinTelegramsBotWideLimit() {
        FloodControl first = flood(notifier(new Database(10 * SECOND, 40 * SECOND), 6));
        FloodControl second = flood(notifier(new Database(10 * SECOND, 44 * SECOND), 6));

        BotWideLimitModel.Result result = BotWideLimitModel.run(clock, first, second, Duration.ofSeconds(70));

        assertThat(result.tooManyRequests()).isZero();
        assertThat(result.sent()).as("together they still used most of the limit").isGreaterThan(70 * 25);
    }

    private FailoverBuckets notifier(Database database, int partitions) {
        return new FailoverBuckets(database, new FallbackBuckets(new LocalBuckets(clock),
                FallbackBucketsTest.share(partitions, 12)), clock, warned::add);
    }

    private FloodControl flood(FailoverBuckets buckets) {
        return new FloodControl(buckets, FloodSettings.local(), clock, nanos -> true, new SimpleMeterRegistry());
    }

    /** The shared rows as one notifier reaches them: away from {@code downFrom} until {@code downUntil}. */
    private final class Database implements Buckets {

        private final long downFrom;
        private final long downUntil;
        int calls;

        Database(long downFrom, long downUntil) {
            this.downFrom = downFrom;
            this.downUntil = downUntil;
        }

        @Override
        public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
            calls++;
            if (clock.now >= downFrom && clock.now < downUntil) {
                throw new IllegalStateException("Connection refused");
            }
            return rows.tryConsume(key, configuration);
        }
    }
}
