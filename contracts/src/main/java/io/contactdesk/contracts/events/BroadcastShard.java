package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * One processor task's part of an admin broadcast: how many of its users the message was queued for on
 * {@code tg.outbox.bulk}. The notifier adds the shards up for progress ("sent 1,200 / 5,000").
 *
 * @param statusChatId where the admin watches progress, and {@code statusMessageId} the message edited with it
 */
public record BroadcastShard(
        String broadcastId,
        int partition,
        int partitions,
        long recipients,
        long statusChatId,
        long statusMessageId,
        Instant at) {
}
