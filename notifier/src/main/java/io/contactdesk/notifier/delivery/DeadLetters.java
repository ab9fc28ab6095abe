package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Outbox records the notifier gives up on, kept with the reason on the dead-letter topic of their source
 * ({@code tg.outbox.dlq}, {@code tg.outbox.bulk.dlq}).
 */
final class DeadLetters {

    static final String DLQ_RECORDS = "contactdesk.dlq.records";
    static final String SERVICE = "notifier";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaOperations<String, DeadLetter> kafka;
    private final MeterRegistry meters;
    private final Clock clock;

    DeadLetters(KafkaOperations<String, DeadLetter> kafka, MeterRegistry meters, Clock clock) {
        this.kafka = kafka;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Returns once the broker has the dead letter, so that committing the source offset afterwards can never
     * lose the record; throws when it could not be written, leaving the record to be processed again.
     */
    void publish(ConsumerRecord<String, byte[]> record, String reason) {
        // A record of an unknown topic (none today) still must not be lost: it joins tg.outbox's dead letters.
        Topic<String, DeadLetter> dlq = Topics.byName(record.topic())
                .map(Topics::deadLettersOf).orElseGet(() -> Topics.deadLettersOf(Topics.OUTBOX));
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), reason, SERVICE, clock.instant());
        try {
            kafka.send(dlq.name(), record.key(), letter).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while dead-lettering " + where(record), e);
        } catch (ExecutionException e) {
            // The container's error handler will process the record again: nothing is skipped.
            log.error("outbox record {} chat {}: cannot write its dead letter, will retry: {}", where(record),
                    record.key(), e.getCause().toString());
            throw new KafkaException("cannot dead-letter " + where(record), e.getCause());
        }
        Counter.builder(DLQ_RECORDS).tag("topic", dlq.name()).register(meters).increment();
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
