package io.contactdesk.notifier.flood;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Buckets in this JVM ({@code FLOOD_CONTROL=local}): right for one notifier, and the fallback of the shared ones.
 * A bucket that has refilled completely is the same as a new one, so such buckets are dropped when many chats
 * have accumulated.
 */
final class LocalBuckets implements Buckets {

    static final int PRUNE_ABOVE = 10_000;

    private final TimeMeter clock;
    private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();

    private record Entry(Bucket bucket, long capacity) {
    }

    LocalBuckets(TimeMeter clock) {
        this.clock = clock;
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        if (buckets.size() > PRUNE_ABOVE) {
            prune();
        }
        return buckets.computeIfAbsent(key, k -> create(configuration)).bucket().tryConsumeAndReturnRemaining(1);
    }

    int size() {
        return buckets.size();
    }

    void prune() {
        buckets.values().removeIf(entry -> entry.bucket().getAvailableTokens() >= entry.capacity());
    }

    private Entry create(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
        long capacity = Long.MAX_VALUE;
        for (Bandwidth limit : configuration.getBandwidths()) {
            builder.addLimit(limit);
            capacity = Math.min(capacity, limit.getCapacity());
        }
        return new Entry(builder.build(), capacity);
    }
}
