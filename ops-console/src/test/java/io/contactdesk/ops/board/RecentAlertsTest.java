package io.contactdesk.ops.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.OpsAlert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentAlertsTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final RecentAlerts recent = new RecentAlerts(3);
    private int ids;

    @Test
    void repeatsOfOneFingerprintFoldIntoOneRowWithTheirCountAndFirstAndLastSeen() {
        // given / when
        recent.accept("k", alert("db-down", "ERROR", "first", T0), null);
        recent.accept("k", alert("db-down", "ERROR", "second", T0.plusSeconds(10)), null);
        recent.accept("k", alert("db-down", "CRITICAL", "third", T0.plusSeconds(20)), null);

        // then
        assertThat(recent.rows()).singleElement().satisfies(row -> {
            assertThat(row.count()).isEqualTo(3);
            assertThat(row.firstSeen()).isEqualTo(T0.toEpochMilli());
            assertThat(row.lastSeen()).isEqualTo(T0.plusSeconds(20).toEpochMilli());
            assertThat(row.message()).isEqualTo("third");
            assertThat(row.severity()).isEqualTo("CRITICAL");
        });
    }

    @Test
    void rowsComeMostRecentlySeenFirst() {
        recent.accept(null, alert("a", "ERROR", "a", T0), null);
        recent.accept(null, alert("b", "ERROR", "b", T0.plusSeconds(5)), null);
        recent.accept(null, alert("a", "ERROR", "a again", T0.plusSeconds(9)), null);

        assertThat(recent.rows()).extracting(RecentAlerts.Row::fingerprint).containsExactly("a", "b");
    }

    @Test
    void anOlderRepeatReadLateIsCountedButKeepsTheLatestText() {
        recent.accept(null, alert("a", "ERROR", "latest", T0.plusSeconds(30)), null);

        recent.accept(null, alert("a", "WARNING", "older", T0), null);

        RecentAlerts.Row row = recent.rows().get(0);
        assertThat(row.count()).isEqualTo(2);
        assertThat(row.message()).isEqualTo("latest");
        assertThat(row.firstSeen()).isEqualTo(T0.toEpochMilli());
        assertThat(row.lastSeen()).isEqualTo(T0.plusSeconds(30).toEpochMilli());
    }

    @Test
    void beyondTheBoundTheProblemSeenLongestAgoIsDropped() {
        for (int i = 0; i < 4; i++) {
            recent.accept(null, alert("f" + i, "ERROR", "m", T0.plusSeconds(i)), null);
        }

        assertThat(recent.rows()).extracting(RecentAlerts.Row::fingerprint).containsExactly("f3", "f2", "f1");
    }

    @Test
    void aRedeliveredAlertIsNotCountedTwice() {
        OpsAlert once = alert("a", "ERROR", "m", T0);

        recent.accept(null, once, null);
        recent.accept(null, once, null);

        assertThat(recent.rows().get(0).count()).isEqualTo(1);
    }

    @Test
    void badRecordsAreSkippedAndCounted() {
        recent.accept(null, null, T0);
        recent.accept(" ", alert(null, "ERROR", "no fingerprint, no key", T0), T0);
        recent.skip();

        assertThat(recent.rows()).isEmpty();
        assertThat(recent.skipped()).isEqualTo(3);
    }

    @Test
    void theKeyAndTheRecordTimeStandInForAMissingFingerprintAndTime() {
        recent.accept("from-key", alert(null, null, "m", null), T0);

        assertThat(recent.rows()).singleElement().satisfies(row -> {
            assertThat(row.fingerprint()).isEqualTo("from-key");
            assertThat(row.lastSeen()).isEqualTo(T0.toEpochMilli());
            assertThat(row.severity()).isEqualTo("UNKNOWN");
        });
    }

    @Test
    void longTextsAreCut() {
        recent.accept(null, new OpsAlert("id", "ERROR", "svc", "i1", "f", "x".repeat(5_000), "y".repeat(5_000), T0),
                null);

        RecentAlerts.Row row = recent.rows().get(0);
        assertThat(row.message()).hasSize(RecentAlerts.MAX_MESSAGE).endsWith("…");
        assertThat(row.stackHead()).hasSize(RecentAlerts.MAX_STACK_HEAD).endsWith("…");
    }

    private OpsAlert alert(String fingerprint, String severity, String message, Instant at) {
        return new OpsAlert("alert-" + ids++, severity, "svc", "i1", fingerprint, message, null, at);
    }
}
