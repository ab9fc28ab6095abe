package io.contactdesk.notifier.broadcast;

import io.contactdesk.contracts.events.BroadcastShard;
import java.util.Collection;

/**
 * A broadcast as its shards add up: the recipients of the tasks heard from, and whether all have reported.
 *
 * @param complete whether shards of all {@code partitions} tasks arrived, so {@code recipients} is the total
 */
record BroadcastTotals(String broadcastId, long recipients, boolean complete, long statusChatId,
        long statusMessageId) {

    static BroadcastTotals of(String broadcastId, Collection<BroadcastShard> shards) {
        long recipients = 0;
        int partitions = 0;
        long chat = 0;
        long message = 0;
        for (BroadcastShard shard : shards) {
            recipients += shard.recipients();
            partitions = Math.max(partitions, shard.partitions());
            chat = shard.statusChatId();
            message = shard.statusMessageId();
        }
        // Keys are per partition, so the map holds one shard per task.
        return new BroadcastTotals(broadcastId, recipients, shards.size() >= partitions, chat, message);
    }

    boolean hasStatusMessage() {
        return statusChatId != 0 && statusMessageId > 0;
    }
}
