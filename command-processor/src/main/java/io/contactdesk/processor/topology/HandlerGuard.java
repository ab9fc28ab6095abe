package io.contactdesk.processor.topology;

import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Handles a record of the processor's own topics (or of {@code tg.delivery-reports}) all or nothing: the handler's
 * writes are staged and go out only if it succeeds. When it throws, they are discarded, the failure is counted and
 * the exception goes on to Kafka Streams' processing exception handler, which puts the record's source bytes in
 * {@code contactdesk.processor.dlq} with the error in the headers and moves on (StreamsConfiguration): the same
 * queue, written by the same writer, as these topics' records that cannot be deserialized. Without it, one such
 * record would stop the stream thread, and every user's pipeline, again on every restart.
 */
final class HandlerGuard {

    private final Staging staging;
    private final Counter deadLetters;

    HandlerGuard(Staging staging, MeterRegistry meters) {
        this.staging = staging;
        this.deadLetters = DeadLetterWriter.counter(meters, ProcessorTopics.DEAD_LETTERS);
    }

    void handle(Runnable handling) {
        try {
            handling.run();
            staging.commit();
        } catch (RuntimeException e) {
            staging.discard();
            deadLetters.increment();
            throw e;
        }
    }
}
