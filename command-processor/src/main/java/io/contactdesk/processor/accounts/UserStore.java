package io.contactdesk.processor.accounts;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/** Per-user state as the business rules see it: a Streams store in the topology, a map in unit tests. */
public interface UserStore<V> {

    V get(long userId);

    void put(long userId, V value);

    void delete(long userId);

    static <V> UserStore<V> of(KeyValueStore<Long, V> store) {
        return new UserStore<>() {
            @Override
            public V get(long userId) {
                return store.get(userId);
            }

            @Override
            public void put(long userId, V value) {
                store.put(userId, value);
            }

            @Override
            public void delete(long userId) {
                store.delete(userId);
            }
        };
    }

    static <V> UserStore<V> inMemory() {
        Map<Long, V> map = new HashMap<>();
        return new UserStore<>() {
            @Override
            public V get(long userId) {
                return map.get(userId);
            }

            @Override
            public void put(long userId, V value) {
                map.put(userId, value);
            }

            @Override
            public void delete(long userId) {
                map.remove(userId);
            }
        };
    }
}
