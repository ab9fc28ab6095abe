package io.contactdesk.notifier.alerts;

import io.contactdesk.contracts.topics.TransactionMarkerOffsets;
import io.contactdesk.notifier.database.NotifierDatabase;
import io.contactdesk.notifier.flood.FloodControl;
import io.contactdesk.notifier.lifecycle.PeriodicJob;
import io.contactdesk.notifier.telegram.BotApi;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class AdminAlertsConfiguration {

    static final String CONTAINER_FACTORY = "alertsListenerContainerFactory";

    @Bean
    AdminMessages adminMessages(AlertSettings settings, BotApi botApi, FloodControl flood) {
        return new AdminMessages(settings.admins(), botApi, flood);
    }

    @Bean
    AlertFolds alertFolds(AlertSettings settings) {
        return new AlertFolds(settings.foldWindow());
    }

    @Bean
    AlertsListener alertsListener(AlertFolds folds, NotifierDatabase database, AdminMessages admins) {
        return new AlertsListener(folds, database, admins, Clock.systemUTC());
    }

    @Bean
    PeriodicJob alertSummaries(AlertFolds folds, NotifierDatabase database, AdminMessages admins,
            AlertSettings settings) {
        return new AlertSummaries(folds, database, admins, Clock.systemUTC(), settings.summaryInterval()).every();
    }

    /**
     * Alerts come in storms: batches of up to 500 records, committed per batch, unlike the outbox's one record at a
     * time. A batch that cannot be folded (database away) is offered again, for as long as it takes.
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> alertsListenerContainerFactory(KafkaProperties kafka,
            TransactionMarkerOffsets markers) {
        Map<String, Object> properties = new HashMap<>(kafka.buildConsumerProperties());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(properties));
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        // Alerts are plain records, but the offsets stay honest if a transactional producer ever writes them.
        factory.setContainerCustomizer(markers::track);
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
