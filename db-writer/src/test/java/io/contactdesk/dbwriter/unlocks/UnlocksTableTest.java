package io.contactdesk.dbwriter.unlocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.dbwriter.database.SqlParam;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UnlocksTableTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private final UnlocksTable table = new UnlocksTable();

    @Test
    void unlockBecomesTheInsertParametersInColumnOrder() {
        ContactUnlocked unlock = new ContactUnlocked("update:17/unlock:0", 42, "lst-1", "update:17/credit:0", 1, AT);

        assertThat(table.parameters(unlock)).extracting(SqlParam::value).containsExactly(
                "update:17/unlock:0", 42L, "lst-1", "update:17/credit:0", 1L, AT.atOffset(ZoneOffset.UTC));
    }

    @Test
    void insertIgnoresAnUnlockAlreadyWrittenByIdOrByUserAndListing() {
        // No conflict target: both the primary key and UNIQUE (user_id, listing_id) are covered.
        assertThat(table.insertSql()).contains("ON CONFLICT DO NOTHING");
    }

    @Test
    void firstUnlockWithAnIdIsKept() {
        ContactUnlocked first = unlock("update:1/unlock:0", 42, "lst-1", 1);

        assertThat(table.rowKey(first)).isEqualTo("update:1/unlock:0");
        assertThat(table.supersedes(unlock("update:1/unlock:0", 42, "lst-1", 1), first)).isFalse();
    }

    @Test
    void unlockWithoutIdUserOrListingOrWithANegativeCostIsRejected() {
        assertThat(table.rejection(unlock(" ", 42, "lst-1", 1))).isPresent();
        assertThat(table.rejection(unlock("update:1/unlock:0", 0, "lst-1", 1))).isPresent();
        assertThat(table.rejection(unlock("update:1/unlock:0", 42, "", 1))).isPresent();
        assertThat(table.rejection(unlock("update:1/unlock:0", 42, "lst-1", -1))).isPresent();
        assertThat(table.rejection(unlock("update:1/unlock:0", 42, "lst-1", 0))).as("a free re-open").isEmpty();
        assertThat(table.rejection(unlock("update:1/unlock:0", 42, "lst-1", 1))).isEmpty();
    }

    private static ContactUnlocked unlock(String id, long userId, String listingId, long cost) {
        return new ContactUnlocked(id, userId, listingId, "update:1/credit:0", cost, AT);
    }
}
