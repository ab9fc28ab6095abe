package io.contactdesk.notifier.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The bookkeeping database, its tables migrated before the first connection is handed out; a type of its own so
 * nothing mistakes it for db-writer's DataSource.
 */
public final class NotifierDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final NotifierSchema schema;

    NotifierDatabase(HikariDataSource dataSource, NotifierSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /**
     * @throws SQLException also while PostgreSQL is away or the tables could not be migrated yet: callers retry
     */
    public Connection connection() throws SQLException {
        schema.ensureCurrent();
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
