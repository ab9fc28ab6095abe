package io.contactdesk.sandbox;

/**
 * Telegram's published flood limits for outgoing messages, as token buckets.
 *
 * <p>Telegram does not document exact numbers; "about one message per second per chat, with short
 * bursts, and about 30 per second overall" is what bots meet in practice, so that is the default.
 *
 * @param enabled          false lets a benchmark send as fast as it can
 * @param perChatPerSecond refill rate of each chat's bucket
 * @param perChatBurst     capacity of each chat's bucket
 * @param globalPerSecond  refill rate (and capacity) of the bot-wide bucket
 */
public record FloodLimits(boolean enabled, double perChatPerSecond, int perChatBurst, double globalPerSecond) {

    public static final FloodLimits DEFAULT = new FloodLimits(true, 1.0, 5, 30.0);
    public static final FloodLimits DISABLED = new FloodLimits(false, 1.0, 5, 30.0);

    public FloodLimits {
        if (perChatPerSecond <= 0 || perChatBurst < 1 || globalPerSecond <= 0) {
            throw new IllegalArgumentException("flood limits must be positive");
        }
    }

    public static FloodLimits of(double perChatPerSecond, int perChatBurst, double globalPerSecond) {
        return new FloodLimits(true, perChatPerSecond, perChatBurst, globalPerSecond);
    }
}
