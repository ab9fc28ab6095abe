package io.contactdesk.notifier.flood;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FloodConfiguration {

    /**
     * {@code FLOOD_CONTROL} and {@code DATABASE_URL}: shared buckets need the database, whose table is created
     * here at start-up; a missing {@code DATABASE_URL} stops start-up naming it. {@code share}: this notifier's
     * partitions of {@code tg.outbox}, its part of the bot-wide limits while PostgreSQL is away.
     */
    @Bean(destroyMethod = "close")
    FloodControl floodControl(FloodSettings settings, MeterRegistry meters, OutboxShare share) {
        FloodControl flood = FloodControl.create(settings, meters, share);
        LoggerFactory.getLogger(FloodControl.class).info("flood control: {}", settings);
        return flood;
    }
}
