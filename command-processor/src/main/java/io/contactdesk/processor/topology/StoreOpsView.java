package io.contactdesk.processor.topology;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.ops.GroupLag;
import io.contactdesk.processor.ops.OpsView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Heartbeats from the global store of {@code ops.heartbeats}; lag from the processor's background measurement. */
final class StoreOpsView implements OpsView {

    private final ReadOnlyKeyValueStore<String, Heartbeat> heartbeats;
    private final Supplier<List<GroupLag>> lag;

    StoreOpsView(ReadOnlyKeyValueStore<String, Heartbeat> heartbeats, Supplier<List<GroupLag>> lag) {
        this.heartbeats = heartbeats;
        this.lag = lag;
    }

    @Override
    public List<Heartbeat> instances() {
        List<Heartbeat> all = new ArrayList<>();
        try (KeyValueIterator<String, Heartbeat> beats = heartbeats.all()) {
            beats.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    @Override
    public List<GroupLag> lag() {
        List<GroupLag> latest = lag.get();
        return latest == null ? List.of() : latest;
    }
}
