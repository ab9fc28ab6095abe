package io.contactdesk.dbwriter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.dbwriter.database.SqlParam;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LedgerTableTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private final LedgerTable table = new LedgerTable();

    @Test
    void entryBecomesTheInsertParametersInColumnOrder() {
        LedgerEntry entry = new LedgerEntry("update:17/credit:0", 42, 3, 3, LedgerKind.SIGNUP_BONUS, "welcome",
                "update:17", AT, 1L);

        assertThat(table.parameters(entry)).extracting(SqlParam::value).containsExactly(
                "update:17/credit:0", 42L, 3L, 3L, "SIGNUP_BONUS", "welcome", "update:17", AT.atOffset(ZoneOffset.UTC), 1L);
    }

    @Test
    void insertIgnoresAnEntryAlreadyWritten() {
        assertThat(table.insertSql()).contains("ON CONFLICT (entry_id) DO NOTHING");
    }

    @Test
    void firstEntryWithAnIdIsKept() {
        LedgerEntry first = entry("update:1/credit:0", 42);

        assertThat(table.rowKey(first)).isEqualTo("update:1/credit:0");
        assertThat(table.supersedes(entry("update:1/credit:0", 42), first)).isFalse();
    }

    @Test
    void entryWithoutUserOrIdIsRejected() {
        assertThat(table.rejection(entry("update:1/credit:0", 0))).isPresent();
        assertThat(table.rejection(entry(" ", 42))).isPresent();
        assertThat(table.rejection(entry("update:1/credit:0", 42))).isEmpty();
    }

    private static LedgerEntry entry(String id, long userId) {
        return new LedgerEntry(id, userId, 1, 1, LedgerKind.GRANT, null, "update:1", AT);
    }
}
