package io.contactdesk.processor.topology;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One task of the topology, for a processor tested alone as Kafka's {@code WordCountProcessorTest} tests one:
 * Kafka's {@link MockProcessorContext} with the stores the processor is connected to, in memory, and what it
 * forwarded, by sink.
 */
final class MockTask {

    final MockProcessorContext<String, Object> context;

    /** @param partition the task's partition (a processor that answers for its task names it) */
    MockTask(int partition) {
        this.context = new MockProcessorContext<>(new Properties(), new TaskId(0, partition), null);
    }

    /** A store of the task, as the topology connects it; the mock context keeps no changelog. */
    <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /** The values forwarded to {@code sink}, in order. */
    List<Object> forwardedTo(String sink) {
        return context.forwarded().stream().filter(forward -> forward.childName().orElseThrow().equals(sink))
                .map(CapturedForward::record).map(Record::value).map(Object.class::cast).toList();
    }

    /** The sinks forwarded to, one per record, in order. */
    List<String> sinks() {
        return context.forwarded().stream().map(forward -> forward.childName().orElseThrow()).toList();
    }
}
