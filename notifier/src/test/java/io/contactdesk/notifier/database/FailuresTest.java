package io.contactdesk.notifier.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void refusedPasswordIsAWrongSetting() {
        // given Flyway wrapping PostgreSQL's "password authentication failed"
        Exception failure = new FlywayException("Unable to obtain connection",
                new SQLException("password authentication failed for user \"contactdesk\"", "28P01"));

        // then start-up must stop on it
        assertThat(Failures.isWrongSetting(failure)).isTrue();
    }

    @Test
    void missingDatabaseIsAWrongSetting() {
        assertThat(Failures.isWrongSetting(new SQLException("database \"nope\" does not exist", "3D000"))).isTrue();
    }

    @Test
    void refusedConnectionIsAnOutageNotAWrongSetting() {
        // given the database's port answering nothing
        Exception failure = new FlywayException("Unable to obtain connection",
                new SQLException("Connection to localhost:5433 refused", "08001", new ConnectException("Connection refused")));

        // then start-up goes on, and the summary names the innermost cause
        assertThat(Failures.isWrongSetting(failure)).isFalse();
        assertThat(Failures.isUnreachable(failure)).isTrue();
        assertThat(Failures.summary(failure)).isEqualTo("ConnectException: Connection refused");
    }
}
