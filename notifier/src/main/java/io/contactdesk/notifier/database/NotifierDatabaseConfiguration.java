package io.contactdesk.notifier.database;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifier's bookkeeping database ({@code DATABASE_URL}): broadcast claims and progress, alert folds, settled
 * replies. Required even with {@code FLOOD_CONTROL=local}: "nobody gets a broadcast twice" and "one alert per
 * fingerprint" must hold across instances and restarts, which memory cannot give. Boot's DataSource
 * auto-configuration stays excluded (see notifier.properties), so this pool is built here, under its own name.
 */
@Configuration(proxyBeanMethods = false)
class NotifierDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    NotifierDatabase notifierDatabase(@Value("${contactdesk.database.url:}") String url) {
        return NotifierDatabase.open(url);
    }
}
