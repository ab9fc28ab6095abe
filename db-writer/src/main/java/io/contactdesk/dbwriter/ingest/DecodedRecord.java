package io.contactdesk.dbwriter.ingest;

/** What becomes of one consumed record: written, dead-lettered, or nothing to write. */
sealed interface DecodedRecord permits Accepted, Rejected, DecodedRecord.Skipped {

    /** A tombstone on a compacted topic: the key's history is being compacted away, the table keeps its last row. */
    record Skipped() implements DecodedRecord {
    }
}
