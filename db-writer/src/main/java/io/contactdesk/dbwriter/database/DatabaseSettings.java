package io.contactdesk.dbwriter.database;

import com.zaxxer.hikari.HikariConfig;
import io.contactdesk.contracts.config.DataSources;
import io.contactdesk.contracts.config.DatabaseUrl;
import io.contactdesk.contracts.config.Settings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The PostgreSQL database the writer fills.
 *
 * @param url {@code DATABASE_URL}, either {@code jdbc:postgresql://…} or {@code postgresql://user:pass@host:port/db}
 * @param poolSize connections kept; one consumer thread writes, the rest serve health checks and Flyway
 * @param connectionTimeout how long a write or health check waits for a connection before it counts as a failure
 */
@ConfigurationProperties("contactdesk.database")
public record DatabaseSettings(String url, int poolSize, Duration connectionTimeout) {

    static final String POOL_NAME = "contactdesk-db-writer";

    public DatabaseSettings {
        DatabaseUrl.parse(url);
        Settings.positive("contactdesk.database.pool-size", poolSize);
        connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(5) : connectionTimeout;
    }

    public DatabaseUrl database() {
        return DatabaseUrl.parse(url);
    }

    HikariConfig hikariConfig() {
        HikariConfig config = DataSources.hikariConfig(database(), POOL_NAME, poolSize, connectionTimeout);
        // pgjdbc turns a JDBC batch of single-row INSERTs into multi-row INSERTs: an order of magnitude faster.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Start even while the database is unreachable: writes retry and health reports DOWN until it is back.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    @Override
    public String toString() {
        // DATABASE_URL may carry the password.
        return "DatabaseSettings[" + database() + ", poolSize=" + poolSize + "]";
    }
}
