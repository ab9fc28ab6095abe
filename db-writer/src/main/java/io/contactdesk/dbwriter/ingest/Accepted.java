package io.contactdesk.dbwriter.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumed record decoded into its event, kept with its source so a row the database rejects can be dead-lettered. */
record Accepted<V>(ConsumerRecord<String, byte[]> record, V value) implements DecodedRecord {
}
