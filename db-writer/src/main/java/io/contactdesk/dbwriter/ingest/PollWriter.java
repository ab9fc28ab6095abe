package io.contactdesk.dbwriter.ingest;

import java.util.ArrayList;
import java.util.List;
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
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final WriterHealthIndicator health;

    PollWriter(TopicTables tables, BatchWriter writer, DeadLetterPublisher deadLetters, IngestMetrics metrics,
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
            deadLetters.publish(rejected);
            metrics.rowsWritten(written.rows());
            health.succeeded();
            log.debug("poll of {} records: wrote {}, dead-lettered {}, skipped {} tombstones",
                    records.size(), written.rows(), rejected.size(), poll.skipped());
        } catch (RuntimeException e) {
            health.failed(e, records.size());
            throw e;
        }
    }
}
