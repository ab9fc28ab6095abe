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

    @Test
    void theFailingRowNeverReachesTheDescription() {
        // as pgjdbc words it when logServerErrorDetail is on (a DATABASE_URL parameter can turn it back on)
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO listings VALUES "
                + "('l-1', 'Acme', 'v1:k1:c2VhbGVk') was aborted: ERROR: new row for relation \"listings\" violates "
                + "check constraint \"listings_sealed_contact_is_envelope\"\n  Detail: Failing row contains "
                + "(l-1, Acme, +49 30 1234567).  Call getNextException to see other errors in the batch.", null, new int[0]);
        batch.setNextException(new SQLException("ERROR: new row for relation \"listings\" violates check constraint "
                + "\"listings_sealed_contact_is_envelope\"\n  Detail: Failing row contains (l-1, Acme, +49 30 1234567).",
                "23514"));

        assertThat(SqlFailures.describe(batch))
                .isEqualTo("SQLException (SQLSTATE 23514): ERROR: new row for relation \"listings\" violates check "
                        + "constraint \"listings_sealed_contact_is_envelope\"");
        assertThat(SqlFailures.describe(new RuntimeException(batch.getMessage())))
                .doesNotContain("Failing row", "+49 30 1234567", "c2VhbGVk");
    }

    @Test
    void aUniqueViolationsKeyAndABadValueAreLeftOut() {
        assertThat(SqlFailures.describe(new SQLException("ERROR: duplicate key value violates unique constraint "
                + "\"unlocks_user_listing\"  Detail: Key (user_id, listing_id)=(42, l-1) already exists.", "23505")))
                .endsWith("violates unique constraint \"unlocks_user_listing\"").doesNotContain("42, l-1");
        assertThat(SqlFailures.describe(new SQLException("ERROR: invalid input syntax for type bigint: \"alice\"",
                "22P02"))).endsWith("for type bigint: \"…\"").doesNotContain("alice");
    }
}
