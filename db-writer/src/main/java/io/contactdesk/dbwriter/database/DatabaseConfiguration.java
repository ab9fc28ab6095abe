package io.contactdesk.dbwriter.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection pool, built from {@code DATABASE_URL} rather than {@code spring.datasource.*} so that
 * both URL forms operators paste work. Boot's Flyway, health indicator and pool metrics use it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseSettings settings) {
        // The pool starts on first use, so Boot can attach its metrics tracker before that.
        HikariDataSource dataSource = new HikariDataSource();
        settings.hikariConfig().copyStateTo(dataSource);
        return dataSource;
    }
}
