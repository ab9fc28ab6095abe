package io.contactdesk.notifier.flood;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Where flood buckets live: in this JVM, or in PostgreSQL for all notifiers. */
interface Buckets extends AutoCloseable {

    /**
     * Takes one token from the bucket {@code key}, created with {@code configuration} if it does not exist yet.
     * A refusal takes nothing and says how long until a token is there.
     */
    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration);

    @Override
    default void close() {
    }
}
