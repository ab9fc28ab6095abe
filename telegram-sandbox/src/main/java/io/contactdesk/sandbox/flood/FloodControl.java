package io.contactdesk.sandbox.flood;

import io.contactdesk.sandbox.FloodLimits;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/** Decides whether one more outgoing message to a chat is within the flood limits. */
public final class FloodControl {

    private final FloodLimits limits;
    private final LongSupplier nanoClock;
    private final Map<Long, TokenBucket> perChat = new HashMap<>();
    private final TokenBucket global;

    public FloodControl(FloodLimits limits) {
        this(limits, System::nanoTime);
    }

    FloodControl(FloodLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
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
        long wait = Math.max(chat.nanosUntilToken(now), global.nanosUntilToken(now));
        if (wait > 0) {
            // Nothing is taken on refusal: a refused call must not push the next allowed one further out.
            return OptionalLong.of(Math.max(1, (long) Math.ceil(wait / 1_000_000_000d)));
        }
        chat.take();
        global.take();
        return OptionalLong.empty();
    }
}
