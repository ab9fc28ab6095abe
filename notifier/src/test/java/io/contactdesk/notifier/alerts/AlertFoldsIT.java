package io.contactdesk.notifier.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.notifier.database.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The fold decision, made by one upsert in PostgreSQL, checked step by step on a clock of the test's own. */
class AlertFoldsIT {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static EmbeddedPostgresServer postgres;
    private final AlertFolds folds = new AlertFolds(WINDOW);

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.builder().build().start();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.user());
        dataSource.setPassword(postgres.password());
        Migrations.migrate(dataSource);
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void firstOfAFingerprintIsSentAndRepeatsWithinTheWindowAreCounted() throws Exception {
        String fp = fingerprint();
        try (Connection db = connection()) {
            assertThat(folds.fold(db, alert(fp), T0)).isEqualTo(AlertFolds.AlertAction.SEND_NOW);
            assertThat(folds.fold(db, alert(fp), T0.plusSeconds(1))).isEqualTo(AlertFolds.AlertAction.COUNTED);
            assertThat(folds.fold(db, alert(fp), T0.plusSeconds(299))).isEqualTo(AlertFolds.AlertAction.COUNTED);
            // and no summary is due before the window is over
            assertThat(due(db, fp, T0.plusSeconds(299))).isEmpty();
        }
    }

    @Test
    void windowOverWithRepeatsGivesOneSummaryAndOpensTheNextWindow() throws Exception {
        // given a sent alert and two repeats
        String fp = fingerprint();
        try (Connection db = connection()) {
            folds.fold(db, alert(fp), T0);
            folds.fold(db, alert(fp), T0.plusSeconds(10));
            folds.fold(db, alert(fp), T0.plusSeconds(20));

            // when the window is over
            List<AlertFolds.Summary> summaries = due(db, fp, T0.plus(WINDOW));

            // then one summary counts both repeats, and claiming again finds nothing
            assertThat(summaries).extracting(AlertFolds.Summary::count).containsExactly(2L);
            assertThat(due(db, fp, T0.plus(WINDOW).plusSeconds(1))).isEmpty();
            // and a repeat right after is counted in the new window, not sent
            assertThat(folds.fold(db, alert(fp), T0.plus(WINDOW).plusSeconds(5))).isEqualTo(AlertFolds.AlertAction.COUNTED);
        }
    }

    @Test
    void alertAfterAQuietWindowIsSentAtOnceAgain() throws Exception {
        String fp = fingerprint();
        try (Connection db = connection()) {
            folds.fold(db, alert(fp), T0);

            assertThat(folds.fold(db, alert(fp), T0.plus(WINDOW).plusSeconds(1))).isEqualTo(AlertFolds.AlertAction.SEND_NOW);
        }
    }

    @Test
    void redeliveredAlertIsNotSentTwice() throws Exception {
        String fp = fingerprint();
        OpsAlert alert = alert(fp);
        try (Connection db = connection()) {
            assertThat(folds.fold(db, alert, T0)).isEqualTo(AlertFolds.AlertAction.SEND_NOW);

            assertThat(folds.fold(db, alert, T0.plusSeconds(3))).isEqualTo(AlertFolds.AlertAction.COUNTED);
        }
    }

    private List<AlertFolds.Summary> due(Connection db, String fingerprint, Instant now) throws Exception {
        return folds.claimDue(db, now).stream().filter(s -> s.fingerprint().equals(fingerprint)).toList();
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
    }

    private static String fingerprint() {
        return "fp-" + UUID.randomUUID();
    }

    private static OpsAlert alert(String fingerprint) {
        return new OpsAlert(UUID.randomUUID().toString(), "ERROR", "db-writer", "host-1", fingerprint, "boom", null,
                T0);
    }
}
