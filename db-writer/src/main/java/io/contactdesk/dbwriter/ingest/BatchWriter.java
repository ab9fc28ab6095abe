package io.contactdesk.dbwriter.ingest;

import io.contactdesk.dbwriter.database.SqlFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one poll in one transaction: one JDBC batch per table. */
final class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final DataSource dataSource;

    BatchWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Commits every row, or throws {@link BatchNotWrittenException} having committed none. A row the
     * database refuses for its content does not block the others: it is returned, not written.
     */
    Written write(List<TableRows<?>> tables) {
        if (tables.isEmpty()) {
            return Written.NOTHING;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, Integer> rows = new LinkedHashMap<>();
                for (TableRows<?> table : tables) {
                    executeBatch(connection, table);
                    rows.merge(table.table().table(), table.rows().size(), Integer::sum);
                }
                connection.commit();
                return new Written(rows, List.of());
            } catch (SQLException e) {
                connection.rollback();
                if (!SqlFailures.isRowFault(e)) {
                    throw e;
                }
                log.warn("a row was refused ({}); writing this batch row by row to set it aside",
                        SqlFailures.describe(e));
            }
            Written written = writeRowByRow(connection, tables);
            connection.commit();
            return written;
        } catch (SQLException e) {
            throw new BatchNotWrittenException(e);
        }
    }

    private static <V> void executeBatch(Connection connection, TableRows<V> table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.table().insertSql())) {
            for (Accepted<V> row : table.rows()) {
                table.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The slow path, only after a refusal: a savepoint per row finds the culprits in the same transaction. */
    private static Written writeRowByRow(Connection connection, List<TableRows<?>> tables) throws SQLException {
        Map<String, Integer> rows = new LinkedHashMap<>();
        List<Rejected> refused = new ArrayList<>();
        for (TableRows<?> table : tables) {
            rows.merge(table.table().table(), writeEach(connection, table, refused), Integer::sum);
        }
        return new Written(rows, refused);
    }

    private static <V> int writeEach(Connection connection, TableRows<V> table, List<Rejected> refused)
            throws SQLException {
        int written = 0;
        try (PreparedStatement statement = connection.prepareStatement(table.table().insertSql())) {
            for (Accepted<V> row : table.rows()) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    table.bind(statement, row);
                    statement.executeUpdate();
                    connection.releaseSavepoint(savepoint);
                    written++;
                } catch (SQLException e) {
                    if (!SqlFailures.isRowFault(e)) {
                        throw e;
                    }
                    connection.rollback(savepoint);
                    refused.add(new Rejected(row.record(),
                            "PostgreSQL refused the row for " + table.table().table() + ": " + SqlFailures.describe(e)));
                }
            }
        }
        return written;
    }
}
