package io.contactdesk.notifier.flood;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Set;

/**
 * The buckets one notifier keeps on its own while the shared ones in PostgreSQL are away ({@link SharedBuckets}).
 * Every notifier falls back at the same time, when the database goes, and each then counts alone: with the whole
 * bot-wide limit each, N notifiers would send up to N times Telegram's 30 a second. So the bot-wide buckets
 * (global and bulk) hold only this notifier's share of the limit here: its share of {@code tg.outbox}'s partitions
 * ({@link OutboxShare}), whose sum over the live notifiers is one, since a partition has one owner at a time and a
 * rebalance revokes before it assigns.
 *
 * <p>A chat's bucket is not divided: the outbox is keyed by chat id, so one chat's replies are on one partition and
 * thus on one notifier at a time. A notifier that holds no partition (more notifiers than partitions, or during a
 * rebalance) keeps one partition's worth, for its broadcasts and alerts.
 */
final class FallbackBuckets implements Buckets {

    private static final Set<String> BOT_WIDE = Set.of(FloodControl.GLOBAL_KEY, FloodControl.BULK_KEY);

    private final LocalBuckets local;
    private final OutboxShare share;

    FallbackBuckets(LocalBuckets local, OutboxShare share) {
        this.local = local;
        this.share = share;
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        if (!BOT_WIDE.contains(key)) {
            return local.tryConsume(key, configuration);
        }
        int total = Math.max(1, share.total());
        int owned = Math.min(total, Math.max(1, share.owned()));
        // A new share is a new bucket: it starts with the share's (small) burst, not the old share's tokens.
        return local.tryConsume(key + "@" + owned + "/" + total, scaled(configuration, owned, total));
    }

    /**
     * {@code configuration} with {@code owned/total} of its rate and of its capacity (at least one token), so that
     * the owners of all partitions together never exceed it.
     */
    static BucketConfiguration scaled(BucketConfiguration configuration, int owned, int total) {
        if (owned >= total) {
            return configuration;
        }
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (Bandwidth limit : configuration.getBandwidths()) {
            long capacity = Math.max(1, limit.getCapacity() * owned / total);
            long periodNanos = Math.max(1, Math.round((double) limit.getRefillPeriodNanos() * total / owned));
            builder.addLimit(l -> l.capacity(capacity).refillGreedy(limit.getRefillTokens(), Duration.ofNanos(periodNanos)));
        }
        return builder.build();
    }
}
