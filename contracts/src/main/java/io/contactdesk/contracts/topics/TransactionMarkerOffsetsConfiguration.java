package io.contactdesk.contracts.topics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link TransactionMarkerOffsets} in every service with listener containers (registered as an auto-configuration by
 * contracts), so that its idle events reach it; a container takes part only once {@link TransactionMarkerOffsets#track}
 * opted it in.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.kafka.listener.MessageListenerContainer")
public class TransactionMarkerOffsetsConfiguration {

    @Bean
    TransactionMarkerOffsets transactionMarkerOffsets() {
        return new TransactionMarkerOffsets();
    }
}
