package io.contactdesk.dbwriter.ingest;

import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.contactdesk.contracts.topics.TransactionMarkerOffsets;
import io.contactdesk.dbwriter.DbWriterApplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** One listener container over every persisted topic, batch by batch, offsets committed after the database. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    TopicTables topicTables(List<TopicTable<?>> tables) {
        return new TopicTables(tables);
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry, TopicTables tables) {
        return new IngestMetrics(registry, tables);
    }

    @Bean
    WriterHealthIndicator writerHealthIndicator() {
        return new WriterHealthIndicator(Clock.systemUTC());
    }

    @Bean
    PollWriter pollWriter(TopicTables tables, DataSource dataSource, KafkaOperations<String, byte[]> kafka,
            IngestMetrics metrics, WriterHealthIndicator health, MeterRegistry meters) {
        DeadLetterWriter deadLetters = new DeadLetterWriter(DbWriterApplication.SERVICE,
                DeadLetterWriter.Send.ofBytes(kafka::send), meters, Clock.systemUTC());
        return new PollWriter(tables, new BatchWriter(dataSource), deadLetters, metrics, health);
    }

    /**
     * Boot gives this handler to the container factory. A failed poll is retried whole, in memory,
     * with the partitions paused (the consumer keeps polling, so it stays in the group), until it
     * passes: no attempt or time limit, and no exception is treated as fatal, because a record the
     * writer gives up on is a fact PostgreSQL never gets. Bad records never get here; they are
     * dead-lettered by the listener.
     */
    @Bean
    DefaultErrorHandler retryUntilWritten(WriterSettings settings) {
        ExponentialBackOff backOff = new ExponentialBackOff(settings.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, error) -> {
            throw new IllegalStateException("db-writer never skips a record; the poll is sought back", error);
        }, backOff);
        handler.setClassifications(Map.of(), true);
        return handler;
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> ingestContainer(
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory, TopicTables tables, PollWriter writer,
            TransactionMarkerOffsets markers) {
        ConcurrentMessageListenerContainer<String, byte[]> container = factory.createContainer(tables.topicNames());
        // The processor writes transactionally: without this the committed offset stops short of the
        // last commit marker and the group shows a lag of one per partition forever.
        markers.track(container);
        container.setupMessageListener(writer);
        return container;
    }
}
