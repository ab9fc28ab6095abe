package io.contactdesk.dbwriter.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumed record that will not be written, with the reason its dead letter carries. */
record Rejected(ConsumerRecord<String, byte[]> record, String reason) implements DecodedRecord {
}
