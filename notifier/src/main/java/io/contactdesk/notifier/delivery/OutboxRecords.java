package io.contactdesk.notifier.delivery;

import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;

/**
 * What every lane does with a record of {@code tg.outbox}, {@code tg.outbox.priority} or {@code tg.outbox.bulk} before
 * and after its call: read it as an {@link OutboxMessage} or set it aside, and set aside what was given up on, on the
 * dead-letter topic of its source ({@link DeadLetterWriter}).
 */
final class OutboxRecords {

    private static final Logger log = LoggerFactory.getLogger(OutboxRecords.class);

    private final DeadLetterWriter deadLetters;

    OutboxRecords(DeadLetterWriter deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The record's message; empty when it is none, in which case it has been dead-lettered. */
    Optional<OutboxMessage> read(ConsumerRecord<String, byte[]> record) {
        try {
            // The three outbox topics hold the same type, with the same serde.
            OutboxMessage message = Topics.OUTBOX.valueSerde().deserializer()
                    .deserialize(record.topic(), record.value());
            if (message == null) {
                throw new SerializationException("empty outbox record");
            }
            return Optional.of(message);
        } catch (SerializationException e) {
            // The parser's message may quote the payload: the reason goes to the dead letter, not to the log.
            log.warn("record {} chat {}: not an OutboxMessage, dead-lettered", where(record),
                    record.key());
            deadLetter(record, DeadLetter.reasonOf(e));
            return Optional.empty();
        }
    }

    /**
     * Returns once the broker has the dead letter, so that committing the source offset afterwards can never lose the
     * record; throws when it could not be written, leaving the record to be processed again.
     */
    void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        try {
            deadLetters.write(record, reason).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while dead-lettering " + where(record), e);
        } catch (ExecutionException e) {
            // The container's error handler will process the record again: nothing is skipped.
            log.error("outbox record {} chat {}: cannot write its dead letter, will retry: {}", where(record),
                    record.key(), e.getCause().toString());
            throw new KafkaException("cannot dead-letter " + where(record), e.getCause());
        }
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
