package io.contactdesk.contracts.config;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;

/** Connection pools to the {@code DATABASE_URL} database, alike in every service that keeps one. */
public final class DataSources {

    private DataSources() {
    }

    /**
     * A HikariCP pool's settings for {@code database}, named {@code poolName} both in the pool's metrics and logs
     * and in PostgreSQL ({@code application_name}); the service adds what only it needs.
     *
     * @param maximumPoolSize connections kept
     * @param connectionTimeout how long a caller waits for a connection before it counts as a failure
     */
    public static HikariConfig hikariConfig(DatabaseUrl database, String poolName, int maximumPoolSize,
            Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(database.jdbcUrl());
        if (database.username() != null) {
            config.setUsername(database.username());
        }
        if (database.password() != null) {
            config.setPassword(database.password());
        }
        config.addDataSourceProperty("ApplicationName", poolName);
        // Keeps row values (user names among them) out of exception messages, and so out of logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        config.setMaximumPoolSize(maximumPoolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        return config;
    }
}
