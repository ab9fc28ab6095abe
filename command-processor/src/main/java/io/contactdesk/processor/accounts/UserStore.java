package io.contactdesk.processor.accounts;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/** Per-user state as the business rules see it: a staged Streams store in the topology, a map in unit tests. */
public interface UserStore<V> {

    V get(long userId);

    void put(long userId, V value);

    void delete(long userId);

    /** A store made of its three operations. */
    static <V> UserStore<V> of(Function<Long, V> get, BiConsumer<Long, V> put, Consumer<Long> delete) {
        return new UserStore<>() {
            @Override
            public V get(long userId) {
                return get.apply(userId);
            }

            @Override
            public void put(long userId, V value) {
                put.accept(userId, value);
            }

            @Override
            public void delete(long userId) {
                delete.accept(userId);
            }
        };
    }

    static <V> UserStore<V> inMemory() {
        Map<Long, V> map = new HashMap<>();
        return of(map::get, map::put, map::remove);
    }
}
