package io.contactdesk.dbwriter.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One poll sorted out: the rows to write, per table, and the records that go to dead-letter topics. */
record PollBatch(List<TableRows<?>> tables, List<Rejected> rejected, int skipped) {

    static PollBatch of(List<ConsumerRecord<String, byte[]>> records, TopicTables tables) {
        Map<TopicTable<?>, List<Accepted<?>>> accepted = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        int skipped = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicTable<?> table = tables.forTopic(record.topic());
            DecodedRecord decision = RecordDecoder.decide(table, record);
            if (decision instanceof Accepted<?> value) {
                accepted.computeIfAbsent(table, t -> new ArrayList<>()).add(value);
            } else if (decision instanceof Rejected reject) {
                rejected.add(reject);
            } else {
                skipped++;
            }
        }
        List<TableRows<?>> rows = new ArrayList<>();
        accepted.forEach((table, values) -> rows.add(rowsOf(table, values)));
        return new PollBatch(List.copyOf(rows), List.copyOf(rejected), skipped);
    }

    @SuppressWarnings("unchecked")
    private static <V> TableRows<V> rowsOf(TopicTable<V> table, List<Accepted<?>> values) {
        // Every value in the list was decoded by this table's own serde.
        return TableRows.of(table, (List<Accepted<V>>) (List<?>) values);
    }
}
