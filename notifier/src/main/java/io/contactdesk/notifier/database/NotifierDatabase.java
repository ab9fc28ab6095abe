package io.contactdesk.notifier.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.contactdesk.contracts.config.DataSources;
import io.contactdesk.contracts.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The bookkeeping database, its tables migrated before the first connection is handed out; a type of its own so
 * nothing mistakes it for db-writer's DataSource.
 */
public final class NotifierDatabase implements AutoCloseable {

    static final String POOL_NAME = "contactdesk-notifier-db";

    private final HikariDataSource dataSource;
    private final NotifierSchema schema;

    private NotifierDatabase(HikariDataSource dataSource, NotifierSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /**
     * The pool on {@code url} ({@code DATABASE_URL}), its tables migrated at once if PostgreSQL answers, later if not.
     *
     * @throws IllegalStateException naming {@code DATABASE_URL} when PostgreSQL refuses it for good
     */
    public static NotifierDatabase open(String url) {
        // Bulk threads, the alerts consumer, the progress and summary jobs, the settled-records journal.
        HikariConfig config = DataSources.hikariConfig(DatabaseUrl.parse(url), POOL_NAME, 8, Duration.ofSeconds(5));
        // Start without a connection: PostgreSQL may be away while a notifier (re)starts, and replies need none.
        config.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(config);
        NotifierSchema schema = new NotifierSchema(dataSource);
        try {
            schema.migrateAtStartUp();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new NotifierDatabase(dataSource, schema);
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
