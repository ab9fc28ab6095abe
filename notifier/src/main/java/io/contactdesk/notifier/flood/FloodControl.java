package io.contactdesk.notifier.flood;

import io.contactdesk.notifier.lifecycle.StoppableWaits;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the notifier's Bot API calls within Telegram's flood limits: a call may go once its chat's bucket and
 * then the bot-wide bucket each gave it a token ({@link FloodSettings}). With {@code FLOOD_CONTROL=shared} the
 * buckets are rows in PostgreSQL, so all notifiers together stay within the limits.
 *
 * <p>Telegram counts a call when it arrives, not when its token was taken here. The bot-wide bucket's small burst
 * ({@code contactdesk.flood.global-burst}, 3 of Telegram's 30) leaves room for calls that arrive unevenly, but not for
 * any number of calls that took their token and are held up on their way (a cold HTTP client, a starved CPU, a slow
 * network) and then arrive together with the ones permitted after them. So a call takes its bot-wide token only with
 * one of {@value #CALLS_IN_FLIGHT} places among this notifier's calls in flight, and keeps it until Telegram answered
 * ({@link #callEnded()}): in any interval {@code t} Telegram then sees at most {@code 3 + 30 × t} calls permitted in
 * it plus {@value #CALLS_IN_FLIGHT} per notifier permitted before, within its own {@code 30 + 30 × t} for up to three
 * notifiers (3 + 3 × 8 ≤ 30).
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
    /**
     * Calls of one notifier that hold a bot-wide token and have no answer yet. 8 is far above what 30 calls/s need
     * (a call of 100 ms keeps 3 in flight) and, three notifiers together, within the 27 calls of Telegram's burst that
     * ours leaves unused.
     */
    static final int CALLS_IN_FLIGHT = 8;
    private static final long SLOT_LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
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
    // Fair: a call that waits for a place gets the next one, in turn.
    private final Semaphore callsInFlight = new Semaphore(CALLS_IN_FLIGHT, true);
    // A thread makes one call at a time: its place is released once, and a permit taken again before callEnded()
    // (a retry without it) keeps the place it has instead of taking a second.
    private final ThreadLocal<Boolean> holdsPlace = ThreadLocal.withInitial(() -> false);
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
     * Blocks until {@code method} may be called in {@code chatId}: first the chat's bucket, then a place among the
     * calls in flight, then the bot-wide bucket grants a token (a chat that must wait takes nothing from the other
     * chats' share). The caller calls {@link #callEnded()} once the call was answered or not made, in a
     * {@code finally}.
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
            if (!acquire(chatKey(chatId), settings.chat(chatId), deadline, chatId)
                    || bulk && !acquire(BULK_KEY, settings.bulk(), deadline, chatId)
                    || !awaitPlaceInFlight(deadline, chatId)) {
                return false;
            }
            boolean permitted = false;
            try {
                permitted = acquire(GLOBAL_KEY, settings.global(), deadline, chatId);
                return permitted;
            } finally {
                if (!permitted) {
                    callEnded();
                }
            }
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

    /**
     * The call {@link #awaitPermit} allowed on this thread was answered (or failed, or was not made): its place among
     * the calls in flight goes to the next. Does nothing when this thread holds none.
     */
    public void callEnded() {
        if (holdsPlace.get()) {
            holdsPlace.set(false);
            callsInFlight.release();
        }
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

    private boolean awaitPlaceInFlight(long deadline, long chatId) throws InterruptedException {
        if (holdsPlace.get()) {
            return true;
        }
        while (true) {
            long left = deadline - clock.currentTimeNanos();
            if (left <= 0) {
                throw new FloodWaitTimeoutException("no flood-control permit for chat " + chatId
                        + " (calls in flight) within " + settings.maxWait().toSeconds() + " s");
            }
            if (callsInFlight.tryAcquire(Math.min(left, SLOT_LOOK_NANOS), TimeUnit.NANOSECONDS)) {
                holdsPlace.set(true);
                return true;
            }
            if (!awaitUnlessStopping(0, TimeUnit.NANOSECONDS)) {
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
