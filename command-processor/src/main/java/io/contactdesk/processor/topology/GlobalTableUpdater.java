package io.contactdesk.processor.topology;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store equal to its compacted topic: latest value per key, tombstones delete. A record that cannot be
 * read is skipped and logged, never fatal: a dead global thread would stop the whole processor.
 */
final class GlobalTableUpdater<V> implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(GlobalTableUpdater.class);

    private final String storeName;
    private final String topic;
    private final Deserializer<V> values;
    private KeyValueStore<String, V> store;

    GlobalTableUpdater(String storeName, String topic, Deserializer<V> values) {
        this.storeName = storeName;
        this.topic = topic;
        this.values = values;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            return;
        }
        try {
            store.put(record.key(), values.deserialize(topic, record.value()));
        } catch (RuntimeException e) {
            log.warn("skipping an unreadable record of {} (key {}): {}", topic, record.key(), e.getClass().getSimpleName());
        }
    }
}
