package io.contactdesk.contracts.deadletters;

import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The one way a service sets a record aside: a {@link DeadLetter} (source topic, partition, offset, key, payload,
 * reason, service, time) on the dead-letter topic of its source ({@code <topic>.dlq}), keyed like the source record,
 * and counted as {@value #RECORDS}{@code {topic="<the dead-letter topic>"}}, so that one panel shows every service's.
 *
 * <p>How the letter reaches Kafka stays the service's: a producer or template that is acknowledged before the source
 * offset is committed ({@link #write}); or, in the processor's exactly-once topology, a forward to its dead-letter
 * sink ({@link #recordOf} and {@link #counter}), so that the letter commits in the same transaction as everything else
 * the record caused, and is gone with it when the transaction aborts.
 */
public final class DeadLetterWriter {

    /** The one meter of dead letters, tagged {@code topic} with the dead-letter topic written to. */
    public static final String RECORDS = "contactdesk.dlq.records";

    /** Partition and offset of a letter whose payload was never a record (e.g. a webhook request's body). */
    public static final int NO_PARTITION = -1;
    public static final long NO_OFFSET = -1;

    /** Hands a letter to Kafka; the future completes once the broker acknowledged it. */
    @FunctionalInterface
    public interface Send {

        CompletableFuture<?> send(ProducerRecord<String, DeadLetter> letter);

        /** For a producer of bytes: the letter serialized as its topic says. */
        static Send ofBytes(Function<ProducerRecord<String, byte[]>, CompletableFuture<?>> bytes) {
            return letter -> bytes.apply(new ProducerRecord<>(letter.topic(), letter.key(),
                    deadLettersOf(letter.value().sourceTopic()).valueSerde().serializer()
                            .serialize(letter.topic(), letter.value())));
        }
    }

    private final String service;
    private final Send send;
    private final MeterRegistry meters;
    private final Clock clock;

    /** @param service the writing service's name, as it is launched ({@code ServiceLauncher}) */
    public DeadLetterWriter(String service, Send send, MeterRegistry meters, Clock clock) {
        this.service = service;
        this.send = send;
        this.meters = meters;
        this.clock = clock;
    }

    /** Sets {@code source} aside with {@code reason}; completes once the broker has the letter, fails if it has not. */
    public CompletableFuture<Void> write(ConsumerRecord<String, byte[]> source, String reason) {
        return write(new DeadLetter(source.topic(), source.partition(), source.offset(), source.key(), source.value(),
                reason, service, clock.instant()));
    }

    /** Sets aside a payload that never was a record of {@code sourceTopic} (no partition, no offset). */
    public CompletableFuture<Void> write(String sourceTopic, String key, byte[] payload, String reason) {
        return write(new DeadLetter(sourceTopic, NO_PARTITION, NO_OFFSET, key, payload, reason, service,
                clock.instant()));
    }

    private CompletableFuture<Void> write(DeadLetter letter) {
        ProducerRecord<String, DeadLetter> record = recordOf(letter);
        CompletableFuture<?> sent;
        try {
            sent = send.send(record);
        } catch (RuntimeException e) {
            // No metadata in time, a closed producer: the caller learns it from the future, like any other failure.
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.thenRun(() -> counter(meters, record.topic()).increment());
    }

    /** The record of {@code letter}: on the dead-letter topic of its source, keyed like the source record. */
    public static ProducerRecord<String, DeadLetter> recordOf(DeadLetter letter) {
        return new ProducerRecord<>(deadLettersOf(letter.sourceTopic()).name(), letter.key(), letter);
    }

    /** The counter of letters written to {@code deadLetterTopic}; registering it early shows a zero, not no series. */
    public static Counter counter(MeterRegistry meters, String deadLetterTopic) {
        return Counter.builder(RECORDS)
                .description("Records set aside on a dead-letter topic")
                .tag("topic", deadLetterTopic)
                .register(meters);
    }

    /** The dead-letter topic of {@code sourceTopic}; a topic without one is a bug, not a record to lose. */
    public static Topic<String, DeadLetter> deadLettersOf(String sourceTopic) {
        return Topics.deadLettersOf(Topics.byName(sourceTopic)
                .orElseThrow(() -> new IllegalArgumentException(sourceTopic + " is not a topic of Topics")));
    }
}
