package io.contactdesk.notifier.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The migrated bookkeeping database; a type of its own so nothing mistakes it for db-writer's DataSource. */
public final class NotifierDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;

    NotifierDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
