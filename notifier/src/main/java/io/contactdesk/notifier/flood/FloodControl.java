package io.contactdesk.notifier.flood;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.contactdesk.notifier.lifecycle.StoppableWaits;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the notifier's Bot API calls within Telegram's flood limits: a call may go once its chat's bucket and
 * then the bot-wide bucket each gave it a token ({@link FloodSettings}). With {@code FLOOD_CONTROL=shared} the
 * buckets are rows in PostgreSQL, so all notifiers together stay within the limits.
 *
 * <p>{@code answerCallbackQuery} is not a message and is never held back. Stopping ends every wait at once: a record
 * waiting for its permit is left uncommitted instead of holding up shutdown.
 */
public final class FloodControl extends StoppableWaits implements AutoCloseable {

    /** Time spent waiting for a permit, per call (zero when the buckets had a token at once). */
    public static final String WAIT_TIMER = "contactdesk.flood.wait";
    /** 429 answers received from Telegram despite flood control, by method. */
    public static final String TOO_MANY_REQUESTS = "contactdesk.flood.too_many_requests";
    static final String ANSWER_CALLBACK_QUERY = "answerCallbackQuery";
    static final String ANSWER_PRE_CHECKOUT_QUERY = "answerPreCheckoutQuery";
    static final String REFUND_STAR_PAYMENT = "refundStarPayment";
    static final String GLOBAL_KEY = "global";
    static final String BULK_KEY = "bulk";
    // Bucket4j may answer "0 ns" right at a refill boundary: never spin.
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Waits between two looks at a bucket; false when the service is stopping. */
    @FunctionalInterface
    interface Waiter {
        boolean await(long nanos) throws InterruptedException;
    }

    /** A permit that did not come within {@code contactdesk.flood.max-wait}; the record is left to be retried. */
    public static final class FloodWaitTimeoutException extends RuntimeException {

        FloodWaitTimeoutException(String message) {
            super(message);
        }
    }

    private final Buckets buckets;
    private final FloodSettings settings;
    private final TimeMeter clock;
    private final Waiter waiter;
    private final MeterRegistry meters;
    private final Timer waits;

    FloodControl(Buckets buckets, FloodSettings settings, TimeMeter clock, Waiter waiter, MeterRegistry meters) {
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.waiter = waiter != null ? waiter : nanos -> awaitUnlessStopping(nanos, TimeUnit.NANOSECONDS);
        this.meters = meters;
        this.waits = Timer.builder(WAIT_TIMER).description("time a Bot API call waited for its flood-control permit")
                .register(meters);
    }

    /**
     * Buckets of this settings' mode; the caller closes it (the shared mode holds a connection pool). {@code share}
     * is what this notifier keeps of the bot-wide limits while the shared buckets are away.
     */
    public static FloodControl create(FloodSettings settings, MeterRegistry meters, OutboxShare share) {
        LocalBuckets local = new LocalBuckets(TimeMeter.SYSTEM_NANOTIME);
        Buckets buckets = local;
        if (settings.backend() == FloodSettings.Mode.SHARED) {
            SharedBuckets shared = new SharedBuckets(settings.database());
            buckets = new FailoverBuckets(shared, new FallbackBuckets(local, share), TimeMeter.SYSTEM_NANOTIME,
                    shared::warnUnavailable);
        }
        return new FloodControl(buckets, settings, TimeMeter.SYSTEM_NANOTIME, null, meters);
    }

    /**
     * Blocks until {@code method} may be called in {@code chatId}: first the chat's bucket, then the bot-wide one
     * grants a token (a chat that must wait takes nothing from the other chats' share).
     *
     * @return false when the service stopped meanwhile: the call must not be made
     * @throws InterruptedException when the calling thread is interrupted
     * @throws FloodWaitTimeoutException when no permit came within {@code contactdesk.flood.max-wait}
     */
    public boolean awaitPermit(long chatId, String method) throws InterruptedException {
        return awaitPermit(chatId, method, false);
    }

    /**
     * As {@link #awaitPermit}, for bulk traffic (broadcasts): between the chat's bucket and the bot-wide one, a
     * token from the bulk bucket, which all notifiers share and which refills a little slower than the bot-wide one.
     * Bulk senders therefore never drain the bot-wide bucket: what they leave is there for the next reply at once,
     * whichever notifier sends it, instead of going to whichever bulk thread asks first.
     */
    public boolean awaitBulkPermit(long chatId, String method) throws InterruptedException {
        return awaitPermit(chatId, method, true);
    }

    private boolean awaitPermit(long chatId, String method, boolean bulk) throws InterruptedException {
        if (!throttles(method)) {
            return true;
        }
        long started = clock.currentTimeNanos();
        long deadline = started + settings.maxWait().toNanos();
        try {
            return acquire(chatKey(chatId), settings.chat(chatId), deadline, chatId)
                    && (!bulk || acquire(BULK_KEY, settings.bulk(), deadline, chatId))
                    && acquire(GLOBAL_KEY, settings.global(), deadline, chatId);
        } finally {
            waits.record(Math.max(0, clock.currentTimeNanos() - started), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Takes a permit if both buckets have a token now; never waits. A chat that has no token takes nothing from
     * the bot-wide bucket.
     */
    public boolean tryPermit(long chatId, String method) {
        if (!throttles(method)) {
            return true;
        }
        return buckets.tryConsume(chatKey(chatId), settings.chat(chatId)).isConsumed()
                && buckets.tryConsume(GLOBAL_KEY, settings.global()).isConsumed();
    }

    /** Counts a 429 that Telegram answered although the call had its permit. */
    public void tooManyRequests(String method) {
        Counter.builder(TOO_MANY_REQUESTS).tag("method", method)
                .description("429 Too Many Requests answered by the Bot API").register(meters).increment();
    }

    public FloodSettings settings() {
        return settings;
    }

    /** Answers to queries and refunds write nothing into a chat: Telegram's message limits do not apply to them. */
    static boolean throttles(String method) {
        return !ANSWER_CALLBACK_QUERY.equals(method) && !ANSWER_PRE_CHECKOUT_QUERY.equals(method)
                && !REFUND_STAR_PAYMENT.equals(method);
    }

    static String chatKey(long chatId) {
        return "chat:" + chatId;
    }

    private boolean acquire(String key, BucketConfiguration configuration, long deadline, long chatId)
            throws InterruptedException {
        while (true) {
            ConsumptionProbe probe = buckets.tryConsume(key, configuration);
            if (probe.isConsumed()) {
                return true;
            }
            long wait = Math.max(MIN_WAIT_NANOS, probe.getNanosToWaitForRefill());
            long now = clock.currentTimeNanos();
            if (now + wait > deadline) {
                throw new FloodWaitTimeoutException("no flood-control permit for chat " + chatId + " ("
                        + (GLOBAL_KEY.equals(key) ? "bot-wide limit" : BULK_KEY.equals(key) ? "bulk share" : "chat limit")
                        + ") within "
                        + settings.maxWait().toSeconds() + " s");
            }
            if (!waiter.await(wait)) {
                return false;
            }
        }
    }

    @Override
    public void close() {
        stop();
        buckets.close();
    }

    @Override
    public String toString() {
        return "FloodControl[" + settings + "]";
    }
}
