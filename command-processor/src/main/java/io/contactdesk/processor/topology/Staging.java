package io.contactdesk.processor.topology;

import io.contactdesk.processor.accounts.UserStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What handling one record writes, held back until the handling has succeeded: then every store write and every
 * record goes out together ({@link #commit}); after an exception, none does ({@link #discard}), so a dead-lettered
 * record leaves no trace and can be replayed after a fix as if it had never come.
 *
 * <p>Why not let the exception abort the Kafka transaction: that would stop the stream thread, and every user's
 * pipeline with it, on one bad record. Reads go through the pending writes, so the rules see their own writes.
 */
final class Staging {

    private final ProcessorContext<String, Object> context;
    private final Map<String, Staged<?, ?>> stores = new LinkedHashMap<>();
    private final List<Map.Entry<String, Record<String, Object>>> records = new ArrayList<>();

    Staging(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    /** A store of this processor, seen through the writes of the record being handled (one view per store). */
    @SuppressWarnings("unchecked")
    <K, V> Staged<K, V> store(String name) {
        return (Staged<K, V>) stores.computeIfAbsent(name, n -> new Staged<>(context.<KeyValueStore<K, V>>getStateStore(n)));
    }

    /** The record goes to {@code sink} on {@link #commit}. */
    void forward(String sink, String key, Object value, long timestamp) {
        records.add(Map.entry(sink, new Record<>(key, value, timestamp)));
    }

    /** Applies the stores' writes, then sends the records, in the order they were made. */
    void commit() {
        stores.values().forEach(Staged::apply);
        List<Map.Entry<String, Record<String, Object>>> out = List.copyOf(records);
        records.clear();
        out.forEach(record -> context.forward(record.getValue(), record.getKey()));
    }

    /** Forgets everything the failed handling wrote. */
    void discard() {
        stores.values().forEach(Staged::forget);
        records.clear();
    }

    /** One store's pending writes: a value, or empty for a delete. */
    static final class Staged<K, V> {

        private final KeyValueStore<K, V> store;
        private final Map<K, Optional<V>> pending = new LinkedHashMap<>();

        private Staged(KeyValueStore<K, V> store) {
            this.store = store;
        }

        V get(K key) {
            Optional<V> written = pending.get(key);
            return written != null ? written.orElse(null) : store.get(key);
        }

        void put(K key, V value) {
            pending.put(key, Optional.ofNullable(value));
        }

        void delete(K key) {
            pending.put(key, Optional.empty());
        }

        private void apply() {
            pending.forEach((key, value) -> {
                if (value.isPresent()) {
                    store.put(key, value.get());
                } else {
                    store.delete(key);
                }
            });
            pending.clear();
        }

        private void forget() {
            pending.clear();
        }

        /** The store as the business rules use it, for stores keyed by user (or chat) id. */
        static <V> UserStore<V> byId(Staged<Long, V> staged) {
            return UserStore.of(staged::get, staged::put, staged::delete);
        }
    }
}
