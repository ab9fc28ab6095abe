package io.contactdesk.contracts.topics;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its key and value: the only place its name is spelled.
 *
 * @param compacted whether only the latest value per key matters (profiles, offsets, listings)
 * @param retention how long records are kept when not compacted
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted, Duration retention) {

    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    public boolean isDeadLetterTopic() {
        return name.endsWith(DEAD_LETTER_SUFFIX);
    }
}
