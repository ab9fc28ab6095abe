package io.contactdesk.dbwriter.ingest;

import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.contactdesk.contracts.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/** The writer's own meters; HikariCP and Kafka client meters are bound by Boot. */
final class IngestMetrics {

    static final String ROWS_WRITTEN = "contactdesk.db.rows.written";

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry, TopicTables tables) {
        this.registry = registry;
        // Registered up front so dashboards show a zero rather than no series.
        for (TopicTable<?> table : tables.all()) {
            rowsWritten(table.table());
            DeadLetterWriter.counter(registry, Topics.deadLettersOf(table.topic()).name());
        }
    }

    void rowsWritten(Map<String, Integer> rowsPerTable) {
        rowsPerTable.forEach((table, rows) -> rowsWritten(table).increment(rows));
    }

    private Counter rowsWritten(String table) {
        return Counter.builder(ROWS_WRITTEN)
                .description("Rows sent to PostgreSQL in committed batches; a replayed row counts again")
                .tag("table", table)
                .register(registry);
    }
}
