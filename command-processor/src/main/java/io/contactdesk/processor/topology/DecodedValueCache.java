package io.contactdesk.processor.topology;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A store's value serde that remembers what the last {@code capacity} distinct byte strings it read or wrote stand
 * for, and hands out the same (immutable) value when it meets the same bytes again. Kafka Streams decodes a store's
 * value on every read, its cache holding bytes only: the directory is read whole for every {@code /search} and a
 * listing twice or more for every {@code /view}, and a user's account and rate window are read for every update and
 * written after most, so without this the processor parsed the same JSON over and over (listings alone about a tenth
 * of its CPU under a backlog, accounts another 7 %: docs/performance.md, "Where the CPU goes"). A value written is
 * remembered with the bytes it was written as, so the next read of a value this instance wrote decodes nothing.
 * Only for immutable values: every reader gets the same instance.
 */
final class DecodedValueCache<V> implements Serde<V> {

    private final Serde<V> delegate;
    private final Map<Bytes, V> decoded;
    private final Deserializer<V> deserializer = this::deserialize;
    private final Serializer<V> serializer = this::serialize;

    DecodedValueCache(Serde<V> delegate, int capacity) {
        this.delegate = delegate;
        this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, V> eldest) {
                return size() > capacity;
            }
        };
    }

    private V deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        Bytes key = new Bytes(data);
        // Stream threads and the global thread may read at once; a lookup costs a hash of the bytes, far below a parse.
        synchronized (decoded) {
            V known = decoded.get(key);
            if (known != null) {
                return known;
            }
        }
        // A value that does not decode throws here, as it did without the cache, and is not remembered.
        V value = delegate.deserializer().deserialize(topic, data);
        if (value != null) {
            synchronized (decoded) {
                decoded.put(new Bytes(data.clone()), value);
            }
        }
        return value;
    }

    private byte[] serialize(String topic, V value) {
        byte[] data = delegate.serializer().serialize(topic, value);
        if (data != null && value != null) {
            // A copy: the written array is Kafka's from here on.
            synchronized (decoded) {
                decoded.put(new Bytes(data.clone()), value);
            }
        }
        return data;
    }

    @Override
    public Serializer<V> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<V> deserializer() {
        return deserializer;
    }

    /** Byte strings compared by content; the map keeps its own copy, so a caller reusing its array changes nothing. */
    private static final class Bytes {
        private final byte[] data;
        private final int hash;

        Bytes(byte[] data) {
            this.data = data;
            this.hash = Arrays.hashCode(data);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes bytes && hash == bytes.hash && Arrays.equals(data, bytes.data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
