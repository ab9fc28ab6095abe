package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.boot.TopicProducers;
import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.contracts.topics.TransactionMarkerOffsets;
import io.contactdesk.notifier.NotifierApplication;
import io.contactdesk.notifier.broadcast.BroadcastBoard;
import io.contactdesk.notifier.broadcast.BroadcastLedger;
import io.contactdesk.notifier.contacts.ContactReveal;
import io.contactdesk.notifier.database.NotifierDatabase;
import io.contactdesk.notifier.flood.FloodControl;
import io.contactdesk.notifier.telegram.BotApi;
import io.contactdesk.notifier.telegram.TelegramCallSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /**
     * The processor writes {@code tg.outbox} and {@code tg.outbox.bulk} in transactions: each ends in a commit marker
     * that takes an offset but is no record. Without this, a lane that delivered everything commits the offset before
     * the marker and {@code /lag}, the console and the lag metrics show it one behind on every partition for ever.
     * ({@link OutboxConsumer} does the same for the replies.)
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> transactionMarkersCountAsRead(
            TransactionMarkerOffsets markers) {
        return markers::track;
    }

    /**
     * Which partitions of {@code tg.outbox} this notifier holds (its share of the flood limits when alone), and how far
     * it settled each: committed again before a partition is handed over.
     */
    @Bean
    OutboxAssignment outboxAssignment(@Value("${KAFKA_TOPIC_PARTITIONS:12}") int configuredPartitions) {
        return new OutboxAssignment(configuredPartitions);
    }

    @Bean
    StoppablePause deliveryPause() {
        return new StoppablePause();
    }

    @Bean
    OutboxDelivery outboxDelivery(BotApi botApi, DeliverySettings settings, StoppablePause pause, MeterRegistry meters,
            ContactReveal contacts, FloodControl flood) {
        RetryPolicy policy = new RetryPolicy(settings, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
        return new OutboxDelivery(botApi, policy, pause, meters, contacts, flood);
    }

    @Bean
    OutboxRecords outboxRecords(KafkaTemplate<String, DeadLetter> deadLetterTemplate, MeterRegistry meters) {
        return new OutboxRecords(new DeadLetterWriter(NotifierApplication.SERVICE, deadLetterTemplate::send, meters,
                Clock.systemUTC()));
    }

    @Bean
    InteractiveActivity interactiveActivity(BulkSettings bulk) {
        return new InteractiveActivity(bulk.interactiveQuiet(), System::nanoTime);
    }

    @Bean
    DeliveryReports deliveryReports(KafkaTemplate<String, DeliveryReport> deliveryReportTemplate, MeterRegistry meters) {
        return new DeliveryReports(deliveryReportTemplate, meters, Clock.systemUTC());
    }

    @Bean
    OutboxRecordHandler outboxRecordHandler(OutboxDelivery delivery, OutboxRecords records, DeliveryReports reports,
            InteractiveActivity activity) {
        return new OutboxRecordHandler(delivery, records, reports, activity);
    }

    @Bean
    SettledJournal settledJournal(NotifierDatabase database, MeterRegistry meters) {
        return new SettledJournal(database, meters);
    }

    /**
     * The replies' consumer, from the consumer factory Boot configured (its metrics and settings), with polls of many
     * records: it hands them to its delivery threads and never waits for a call itself.
     */
    @Bean
    OutboxConsumer outboxConsumer(ConsumerFactory<?, ?> consumerFactory, OutboxRecordHandler handler,
            OutboxAssignment assignment, SettledJournal journal, OutboxSettings outbox, DeliverySettings delivery,
            TelegramCallSettings telegram, StoppablePause pause, MeterRegistry meters) {
        Properties polls = new Properties();
        polls.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(outbox.windowPerPartition()));
        @SuppressWarnings("unchecked")
        ConsumerFactory<String, byte[]> replies = (ConsumerFactory<String, byte[]>) consumerFactory;
        OutboxConsumer consumer = new OutboxConsumer(
                () -> replies.createConsumer(null, OutboxConsumer.CLIENT_ID, null, polls), handler, assignment, journal,
                outbox, delivery.deliveryTimeout().plus(telegram.callTimeout()), pause);
        Gauge.builder(OutboxConsumer.IN_FLIGHT, consumer, OutboxConsumer::inFlight)
                .description("tg.outbox records taken and not settled yet").register(meters);
        return consumer;
    }

    @Bean
    PriorityListener priorityListener(OutboxRecordHandler handler) {
        return new PriorityListener(handler);
    }

    @Bean
    BulkListener bulkListener(OutboxDelivery delivery, OutboxRecords records, DeliveryReports reports,
            BroadcastBoard broadcasts, BroadcastLedger ledger, InteractiveActivity activity, StoppablePause pause,
            BulkSettings bulk) {
        return new BulkListener(delivery, records, reports, broadcasts, ledger, activity, pause, bulk.maxYield());
    }

    @Bean
    ProducerFactory<String, DeliveryReport> deliveryReportProducerFactory(
            KafkaProperties kafka, ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        return TopicProducers.factory(Topics.DELIVERY_REPORTS, kafka, customizers, Map.of());
    }

    @Bean
    KafkaTemplate<String, DeliveryReport> deliveryReportTemplate(
            ProducerFactory<String, DeliveryReport> deliveryReportProducerFactory) {
        return new KafkaTemplate<>(deliveryReportProducerFactory);
    }

    @Bean
    ProducerFactory<String, DeadLetter> deadLetterProducerFactory(
            KafkaProperties kafka, ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        return TopicProducers.factory(Topics.deadLettersOf(Topics.OUTBOX), kafka, customizers, Map.of());
    }

    @Bean
    KafkaTemplate<String, DeadLetter> deadLetterTemplate(ProducerFactory<String, DeadLetter> deadLetterProducerFactory) {
        return new KafkaTemplate<>(deadLetterProducerFactory);
    }

    /**
     * One record per poll (the bulk lane; the replies' consumer polls more, {@link #outboxConsumer}), and a poll
     * interval that outlasts the longest a record may take (its retries and flood waits are bounded by the delivery
     * timeout, its last call by the call timeout): a record waiting out a 429 must not get the consumer thrown out of
     * the group, which would redeliver everything in flight; nor may a handover of the replies' partitions, which
     * waits for the records that called.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer pollIntervalForRetries(DeliverySettings delivery, TelegramCallSettings telegram) {
        long longestRecordMillis = delivery.deliveryTimeout().plus(telegram.callTimeout()).toMillis();
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                // Twice the longest record leaves room for dead-lettering it while Kafka is slow.
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, 2 * longestRecordMillis)));
    }

    /**
     * The bulk listener settles every record itself (delivered or dead-lettered). What still fails here is writing
     * the dead letter, or a stop mid-retry: try again, for as long as it takes, and never skip the record.
     */
    @Bean
    CommonErrorHandler outboxErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.setClassifications(Map.of(), true);
        return handler;
    }
}
