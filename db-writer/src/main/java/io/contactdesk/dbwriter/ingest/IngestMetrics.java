package io.contactdesk.dbwriter.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/** The writer's own meters; HikariCP and Kafka client meters are bound by Boot. */
final class IngestMetrics {

    static final String ROWS_WRITTEN = "contactdesk.db.rows.written";
    static final String DEAD_LETTERS = "contactdesk.dlq.records";

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry, TopicTables tables) {
        this.registry = registry;
        // Registered up front so dashboards show a zero rather than no series.
        for (TopicTable<?> table : tables.all()) {
            rowsWritten(table.table());
            deadLetters(table.topic().name());
        }
    }

    void rowsWritten(Map<String, Integer> rowsPerTable) {
        rowsPerTable.forEach((table, rows) -> rowsWritten(table).increment(rows));
    }

    /** Tagged with the source topic whose record was dead-lettered (it went to {@code <topic>.dlq}). */
    void deadLettered(String sourceTopic) {
        deadLetters(sourceTopic).increment();
    }

    private Counter rowsWritten(String table) {
        return Counter.builder(ROWS_WRITTEN)
                .description("Rows sent to PostgreSQL in committed batches; a replayed row counts again")
                .tag("table", table)
                .register(registry);
    }

    private Counter deadLetters(String topic) {
        return Counter.builder(DEAD_LETTERS)
                .description("Records set aside on the dead-letter topic of their source topic")
                .tag("topic", topic)
                .register(registry);
    }
}
