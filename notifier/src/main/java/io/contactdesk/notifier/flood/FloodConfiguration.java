package io.contactdesk.notifier.flood;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FloodConfiguration {

    /**
     * {@code FLOOD_CONTROL} and {@code DATABASE_URL}: shared buckets need the database, whose table is created
     * here at start-up; a missing {@code DATABASE_URL} stops start-up naming it.
     */
    @Bean(destroyMethod = "close")
    FloodControl floodControl(FloodSettings settings, MeterRegistry meters) {
        FloodControl flood = FloodControl.create(settings, meters);
        LoggerFactory.getLogger(FloodControl.class).info("flood control: {}", settings);
        return flood;
    }
}
