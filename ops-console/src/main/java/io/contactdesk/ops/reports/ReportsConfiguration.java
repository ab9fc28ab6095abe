package io.contactdesk.ops.reports;

import io.contactdesk.contracts.boot.TopicProducers;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.ops.ConsumerLagMetrics;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.contracts.topics.TransactionMarkerOffsets;
import io.contactdesk.ops.board.HeartbeatBoard;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Admins' {@code /health} and {@code /lag}: read from {@code ops.report-requests}, answered on {@code tg.outbox}. */
@Configuration(proxyBeanMethods = false)
class ReportsConfiguration {

    static final String CONTAINER_FACTORY = "reportRequestsContainerFactory";

    @Bean
    ReportRequestListener reportRequestListener(HeartbeatBoard heartbeats, ConsumerLagMetrics lag,
            KafkaTemplate<String, OutboxMessage> reportAnswers, Clock clock) {
        return new ReportRequestListener(heartbeats, lag, reportAnswers, clock);
    }

    /** Written to every in-sync replica, idempotently, in the format the processor writes its replies in. */
    @Bean
    DefaultKafkaProducerFactory<String, OutboxMessage> reportAnswersProducerFactory(KafkaProperties kafka,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        return TopicProducers.factory(Topics.OUTBOX, kafka, customizers, Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "ops-console-report-answers"));
    }

    @Bean
    KafkaTemplate<String, OutboxMessage> reportAnswers(
            DefaultKafkaProducerFactory<String, OutboxMessage> reportAnswersProducerFactory) {
        return new KafkaTemplate<>(reportAnswersProducerFactory);
    }

    /**
     * One request at a time, its offset committed after its answer was acknowledged. read_committed: the processor
     * writes requests in its exactly-once transactions, and an aborted one was never asked. A new group starts at
     * the earliest request: those asked too long ago are skipped anyway ({@link ReportRequestListener#ANSWERED_WITHIN}).
     * A failed answer is tried again with backoff; once too old, it is skipped and the next is answered.
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> reportRequestsContainerFactory(KafkaProperties kafka,
            TransactionMarkerOffsets markers) {
        Map<String, Object> properties = new HashMap<>(kafka.buildConsumerProperties());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer()));
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        // The requests come from transactions: commit offsets past their markers, so the lag shows 0 when all is read.
        factory.setContainerCustomizer(markers::track);
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
