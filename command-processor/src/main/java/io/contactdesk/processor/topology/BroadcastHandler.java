package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.BroadcastShard;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.broadcast.BroadcastFanOut;
import io.contactdesk.processor.broadcast.BroadcastRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** This task's share of a broadcast: queue it for every user the task owns, and report how many. */
final class BroadcastHandler implements Processor<String, BroadcastRequest, String, Object> {

    private final BroadcastFanOut fanOut = new BroadcastFanOut();
    private final int partitions;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<Long, Account> accounts;

    BroadcastHandler(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.accounts = context.getStateStore(CommandTopology.ACCOUNTS_STORE);
    }

    @Override
    public void process(Record<String, BroadcastRequest> record) {
        BroadcastRequest request = record.value();
        if (request == null) {
            return;
        }
        List<Account> owned = new ArrayList<>();
        try (KeyValueIterator<Long, Account> all = accounts.all()) {
            all.forEachRemaining(entry -> owned.add(entry.value));
        }
        int partition = context.taskId().partition();
        BroadcastShard shard = fanOut.fanOut(request, owned, partition, partitions, message ->
                context.forward(new Record<>(Long.toString(message.chatId()), message, record.timestamp()),
                        CommandTopology.OUTBOX_BULK_SINK));
        context.forward(new Record<>(request.broadcastId() + "/" + partition, shard, record.timestamp()),
                CommandTopology.BROADCAST_SHARDS_SINK);
    }
}
