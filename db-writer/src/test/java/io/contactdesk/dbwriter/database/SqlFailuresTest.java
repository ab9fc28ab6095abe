package io.contactdesk.dbwriter.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlFailuresTest {

    @Test
    void checkViolationIsTheRowsFault() {
        assertThat(SqlFailures.isRowFault(new SQLException("violates check constraint", "23514"))).isTrue();
    }

    @Test
    void invalidTextIsTheRowsFault() {
        assertThat(SqlFailures.isRowFault(new SQLException("invalid byte sequence", "22021"))).isTrue();
    }

    @Test
    void lostConnectionIsRetried() {
        assertThat(SqlFailures.isRowFault(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(SqlFailures.isRowFault(new SQLTransientConnectionException("pool timed out"))).isFalse();
    }

    @Test
    void shutdownMissingTableAndDeadlockAreRetried() {
        assertThat(SqlFailures.isRowFault(new SQLException("terminating connection", "57P01"))).isFalse();
        assertThat(SqlFailures.isRowFault(new SQLException("relation does not exist", "42P01"))).isFalse();
        assertThat(SqlFailures.isRowFault(new SQLException("deadlock detected", "40P01"))).isFalse();
    }

    @Test
    void findsTheServerErrorBehindABatchFailure() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT … ('alice') was aborted", null,
                new int[0]);
        batch.setNextException(new SQLException("ERROR: violates check constraint", "23514"));

        assertThat(SqlFailures.isRowFault(new RuntimeException(batch))).isTrue();
        assertThat(SqlFailures.describe(batch))
                .contains("23514", "violates check constraint")
                .doesNotContain("alice");
    }

    @Test
    void somethingOtherThanSqlIsRetried() {
        assertThat(SqlFailures.isRowFault(new IllegalStateException("broker unreachable"))).isFalse();
    }
}
