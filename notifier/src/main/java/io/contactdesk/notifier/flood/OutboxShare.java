package io.contactdesk.notifier.flood;

/**
 * This notifier's part of the replies: the partitions of {@code tg.outbox} its consumers hold, of all the topic has.
 * The outbox is keyed by chat, so this is also its part of the bot's messages; it changes with every rebalance.
 */
public interface OutboxShare {

    /** Partitions of {@code tg.outbox} assigned to this notifier now. */
    int owned();

    /** Partitions {@code tg.outbox} has. */
    int total();

    /** A notifier that is the only one: it holds everything (a single notifier, and the unit tests). */
    static OutboxShare whole() {
        return new OutboxShare() {
            @Override
            public int owned() {
                return 1;
            }

            @Override
            public int total() {
                return 1;
            }
        };
    }
}
