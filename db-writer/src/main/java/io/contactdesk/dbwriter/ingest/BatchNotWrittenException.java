package io.contactdesk.dbwriter.ingest;

import io.contactdesk.dbwriter.database.SqlFailures;

/** The database did not take a poll's batch; the whole batch is retried, nothing is committed to Kafka. */
class BatchNotWrittenException extends RuntimeException {

    BatchNotWrittenException(Throwable cause) {
        super(SqlFailures.describe(cause), cause);
    }
}
