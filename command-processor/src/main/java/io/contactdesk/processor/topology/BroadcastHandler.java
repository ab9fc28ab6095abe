package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.BroadcastShard;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.broadcast.BroadcastFanOut;
import io.contactdesk.processor.broadcast.BroadcastRequest;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final MeterRegistry meters;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<Long, Account> accounts;
    private Staging staging;
    private HandlerGuard guard;

    BroadcastHandler(int partitions, MeterRegistry meters) {
        this.partitions = partitions;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        // Read only: the whole iteration sees the store as it was, the records go out at the end.
        this.accounts = context.getStateStore(CommandTopology.ACCOUNTS_STORE);
        this.staging = new Staging(context);
        this.guard = new HandlerGuard(staging, meters);
    }

    @Override
    public void process(Record<String, BroadcastRequest> record) {
        BroadcastRequest request = record.value();
        if (request == null) {
            return;
        }
        guard.handle(() -> fanOut(request, record.timestamp()));
    }

    private void fanOut(BroadcastRequest request, long timestamp) {
        List<Account> owned = new ArrayList<>();
        try (KeyValueIterator<Long, Account> all = accounts.all()) {
            all.forEachRemaining(entry -> owned.add(entry.value));
        }
        int partition = context.taskId().partition();
        BroadcastShard shard = fanOut.fanOut(request, owned, partition, partitions, message ->
                staging.forward(CommandTopology.OUTBOX_BULK_SINK, Long.toString(message.chatId()), message, timestamp));
        staging.forward(CommandTopology.BROADCAST_SHARDS_SINK, request.broadcastId() + "/" + partition, shard, timestamp);
    }
}
