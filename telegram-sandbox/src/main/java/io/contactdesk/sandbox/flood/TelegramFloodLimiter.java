package io.contactdesk.sandbox.flood;

import io.contactdesk.sandbox.FloodLimits;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/** Decides whether one more outgoing message to a chat is within the flood limits. */
public final class TelegramFloodLimiter {

    /** Refusals kept for {@code GET /sandbox/flood-refusals}; a run that earns more has a problem either way. */
    static final int KEPT = 10_000;

    private final FloodLimits limits;
    private final LongSupplier nanoClock;
    private final Map<Long, TokenBucket> perChat = new HashMap<>();
    private final TokenBucket global;
    private final Clock clock;
    private final Deque<FloodRefusal> refusals = new ArrayDeque<>();

    public TelegramFloodLimiter(FloodLimits limits, Clock clock) {
        this(limits, System::nanoTime, clock);
    }

    TelegramFloodLimiter(FloodLimits limits, LongSupplier nanoClock, Clock clock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.clock = clock;
        this.global = new TokenBucket(limits.globalPerSecond(), limits.globalPerSecond(), nanoClock.getAsLong());
    }

    /**
     * Takes a token from the chat's and the global bucket, or takes none.
     *
     * @return empty when allowed, else the whole seconds to wait (Telegram's retry_after, at least 1)
     */
    public synchronized OptionalLong acquire(long chatId) {
        if (!limits.enabled()) {
            return OptionalLong.empty();
        }
        long now = nanoClock.getAsLong();
        TokenBucket chat = perChat.computeIfAbsent(chatId,
                id -> new TokenBucket(limits.perChatBurst(), limits.perChatPerSecond(), now));
        long chatWait = chat.nanosUntilToken(now);
        long wait = Math.max(chatWait, global.nanosUntilToken(now));
        if (wait > 0) {
            // Nothing is taken on refusal: a refused call must not push the next allowed one further out.
            long retryAfter = Math.max(1, (long) Math.ceil(wait / 1_000_000_000d));
            remember(new FloodRefusal(clock.instant(), chatId, chatWait > 0 ? "chat" : "global", retryAfter));
            return OptionalLong.of(retryAfter);
        }
        chat.take();
        global.take();
        return OptionalLong.empty();
    }

    /** The latest refusals, oldest first (at most {@value #KEPT}). */
    public synchronized List<FloodRefusal> refusals() {
        return List.copyOf(refusals);
    }

    private void remember(FloodRefusal refusal) {
        if (refusals.size() == KEPT) {
            refusals.removeFirst();
        }
        refusals.addLast(refusal);
    }
}
