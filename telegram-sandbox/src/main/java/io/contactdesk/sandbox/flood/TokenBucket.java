package io.contactdesk.sandbox.flood;

/** A classic token bucket; not thread-safe on its own, {@link TelegramFloodLimiter} guards it. */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long lastRefill;

    TokenBucket(double capacity, double perSecond, long now) {
        this.capacity = capacity;
        this.perNano = perSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.lastRefill = now;
    }

    /** Nanoseconds until one token is available (0 when one is there now). */
    long nanosUntilToken(long now) {
        refill(now);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    void take() {
        tokens -= 1;
    }

    private void refill(long now) {
        tokens = Math.min(capacity, tokens + (now - lastRefill) * perNano);
        lastRefill = now;
    }
}
