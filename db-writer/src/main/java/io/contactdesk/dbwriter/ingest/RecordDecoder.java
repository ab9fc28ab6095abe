package io.contactdesk.dbwriter.ingest;

import io.contactdesk.contracts.events.DeadLetter;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The dead-letter decision for what a record holds. Values arrive as raw bytes and are decoded here,
 * not by the consumer, so that one unreadable record is dead-lettered instead of failing the poll.
 */
final class RecordDecoder {

    private RecordDecoder() {
    }

    static <V> DecodedRecord decide(TopicTable<V> table, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return table.topic().compacted()
                    ? new DecodedRecord.Skipped()
                    : new Rejected(record, "no value (a tombstone on a topic that is not compacted)");
        }
        V value;
        try {
            value = table.topic().valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return new Rejected(record, DeadLetter.reasonOf(e));
        }
        Optional<String> rejection = table.rejection(value);
        if (rejection.isPresent()) {
            return new Rejected(record, rejection.get());
        }
        return new Accepted<>(record, value);
    }
}
