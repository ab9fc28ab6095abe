package io.contactdesk.dbwriter.ingest;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.dbwriter.DbWriterApplication;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

/**
 * Puts rejected records on the dead-letter topic of their source and waits for the broker's
 * acknowledgement, so the poll's offsets are committed only once nothing can be lost.
 */
final class DeadLetterPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final KafkaOperations<String, byte[]> kafka;
    private final IngestMetrics metrics;
    private final Clock clock;

    DeadLetterPublisher(KafkaOperations<String, byte[]> kafka, IngestMetrics metrics, Clock clock) {
        this.kafka = kafka;
        this.metrics = metrics;
        this.clock = clock;
    }

    void publish(List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] sends = rejected.stream().map(this::send).toArray(CompletableFuture[]::new);
        // Bounded by the producer's delivery.timeout.ms; a failure fails the poll, which is then retried.
        CompletableFuture.allOf(sends).join();
        for (Rejected reject : rejected) {
            ConsumerRecord<String, byte[]> record = reject.record();
            log.warn("dead-lettered {} partition {} offset {} key {}: {}",
                    record.topic(), record.partition(), record.offset(), record.key(), reject.reason());
            metrics.deadLettered(record.topic());
        }
    }

    private CompletableFuture<?> send(Rejected reject) {
        ConsumerRecord<String, byte[]> record = reject.record();
        Topic<String, DeadLetter> deadLetters = Topics.deadLettersOf(Topics.byName(record.topic()).orElseThrow());
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), reject.reason(), DbWriterApplication.SERVICE, clock.instant());
        byte[] value = deadLetters.valueSerde().serializer().serialize(deadLetters.name(), letter);
        return kafka.send(deadLetters.name(), record.key(), value);
    }
}
