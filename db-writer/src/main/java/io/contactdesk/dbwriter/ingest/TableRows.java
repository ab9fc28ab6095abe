package io.contactdesk.dbwriter.ingest;

import io.contactdesk.dbwriter.database.SqlParam;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows one poll writes to one table: at most one per primary key, in first-seen order. */
record TableRows<V>(TopicTable<V> table, List<Accepted<V>> rows) {

    static <V> TableRows<V> of(TopicTable<V> table, List<Accepted<V>> values) {
        Map<Object, Accepted<V>> byKey = new LinkedHashMap<>();
        for (Accepted<V> value : values) {
            byKey.merge(table.rowKey(value.value()), value,
                    (kept, candidate) -> table.supersedes(candidate.value(), kept.value()) ? candidate : kept);
        }
        return new TableRows<>(table, List.copyOf(byKey.values()));
    }

    void bind(PreparedStatement statement, Accepted<V> row) throws SQLException {
        SqlParam.bind(statement, table.parameters(row.value()));
    }
}
