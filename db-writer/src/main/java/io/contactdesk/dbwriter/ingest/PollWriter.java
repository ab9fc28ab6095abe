package io.contactdesk.dbwriter.ingest;

import io.contactdesk.contracts.deadletters.DeadLetterWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * One poll of every persisted topic: decode, write in one transaction, dead-letter what cannot be
 * written. The container commits the poll's offsets only after this returns; when it throws, the
 * error handler retries the same poll, so a record is never skipped.
 */
final class PollWriter implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(PollWriter.class);

    private final TopicTables tables;
    private final BatchWriter writer;
    private final DeadLetterWriter deadLetters;
    private final IngestMetrics metrics;
    private final WriterHealthIndicator health;

    PollWriter(TopicTables tables, BatchWriter writer, DeadLetterWriter deadLetters, IngestMetrics metrics,
            WriterHealthIndicator health) {
        this.tables = tables;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.health = health;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        PollBatch poll = PollBatch.of(records, tables);
        try {
            Written written = writer.write(poll.tables());
            List<Rejected> rejected = new ArrayList<>(poll.rejected());
            rejected.addAll(written.refused());
            // After the commit: a retried poll re-sends its dead letters at worst, never loses one.
            deadLetter(rejected);
            metrics.rowsWritten(written.rows());
            health.succeeded();
            log.debug("poll of {} records: wrote {}, dead-lettered {}, skipped {} tombstones",
                    records.size(), written.rows(), rejected.size(), poll.skipped());
        } catch (RuntimeException e) {
            health.failed(e, records.size());
            throw e;
        }
    }

    /**
     * Every rejected record on the dead-letter topic of its source, all sent before waiting for any, and all
     * acknowledged before this returns, so the poll's offsets are committed only once nothing can be lost. Bounded by
     * the producer's delivery.timeout.ms; a failure fails the poll, which is then retried.
     */
    private void deadLetter(List<Rejected> rejected) {
        CompletableFuture.allOf(rejected.stream().map(reject -> deadLetters.write(reject.record(), reject.reason()))
                .toArray(CompletableFuture[]::new)).join();
        for (Rejected reject : rejected) {
            ConsumerRecord<String, byte[]> record = reject.record();
            log.warn("dead-lettered {} partition {} offset {} key {}: {}",
                    record.topic(), record.partition(), record.offset(), record.key(), reject.reason());
        }
    }
}
