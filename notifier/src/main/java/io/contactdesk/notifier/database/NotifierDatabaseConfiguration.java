package io.contactdesk.notifier.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.contactdesk.contracts.config.DataSources;
import io.contactdesk.contracts.config.DatabaseUrl;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifier's bookkeeping database ({@code DATABASE_URL}): broadcast claims and progress, alert folds. Required
 * even with {@code FLOOD_CONTROL=local}: "nobody gets a broadcast twice" and "one alert per fingerprint" must hold
 * across instances and restarts, which memory cannot give. Boot's DataSource auto-configuration stays excluded (see
 * notifier.properties), so this pool is built here, under its own name.
 */
@Configuration(proxyBeanMethods = false)
class NotifierDatabaseConfiguration {

    static final String POOL_NAME = "contactdesk-notifier-db";

    @Bean(destroyMethod = "close")
    NotifierDatabase notifierDatabase(@Value("${contactdesk.database.url:}") String url) {
        // Bulk threads, the alerts consumer, the progress and summary jobs.
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
}
