package io.contactdesk.notifier.flood;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The shared buckets while PostgreSQL answers, this notifier's {@link FallbackBuckets} while it does not, and both for
 * a while after it answers again.
 *
 * <p>After a failed call the fallback serves alone for {@value #FALLBACK_ONLY_SECONDS} s before PostgreSQL is asked
 * again, so an outage costs each call one failed attempt at most every few seconds, not a timeout each. Every
 * notifier comes back on its own clock, up to that long (plus a connection timeout) after the others: one that is
 * back takes from the shared buckets, which allow the whole bot's limit, while another still sends its fallback share,
 * and together they would exceed Telegram's limit (the 30-minute chaos run of 2026-12-06 earned 429s so). So for
 * {@value #BOTH_AFTER_FAILURE_SECONDS} s after its last failure a notifier takes each token from its fallback share
 * too: until every notifier is surely back, none sends more than its share.
 */
final class FailoverBuckets implements Buckets {

    static final long FALLBACK_ONLY_SECONDS = 5;
    static final long BOTH_AFTER_FAILURE_SECONDS = 15;
    private static final long FALLBACK_ONLY_NANOS = TimeUnit.SECONDS.toNanos(FALLBACK_ONLY_SECONDS);
    private static final long BOTH_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(BOTH_AFTER_FAILURE_SECONDS);

    private final Buckets shared;
    private final Buckets fallback;
    private final TimeMeter clock;
    private final Consumer<RuntimeException> onFailure;
    private volatile boolean failed;
    private volatile long lastFailure;

    /**
     * @param shared buckets that throw when they cannot be reached
     * @param onFailure told of each failed call to {@code shared} (to warn, at its own pace)
     */
    FailoverBuckets(Buckets shared, Buckets fallback, TimeMeter clock, Consumer<RuntimeException> onFailure) {
        this.shared = shared;
        this.fallback = fallback;
        this.clock = clock;
        this.onFailure = onFailure;
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        long now = clock.currentTimeNanos();
        long sinceFailure = now - lastFailure;
        if (failed && sinceFailure < FALLBACK_ONLY_NANOS) {
            return fallback.tryConsume(key, configuration);
        }
        if (failed && sinceFailure < BOTH_AFTER_FAILURE_NANOS) {
            ConsumptionProbe share = fallback.tryConsume(key, configuration);
            if (!share.isConsumed()) {
                return share;
            }
        }
        try {
            return shared.tryConsume(key, configuration);
        } catch (RuntimeException e) {
            lastFailure = now;
            failed = true;
            onFailure.accept(e);
            return fallback.tryConsume(key, configuration);
        }
    }

    @Override
    public void close() {
        shared.close();
        fallback.close();
    }
}
