package io.contactdesk.dbwriter.ingest;

import static io.contactdesk.dbwriter.ingest.TestRecords.AT;
import static io.contactdesk.dbwriter.ingest.TestRecords.entry;
import static io.contactdesk.dbwriter.ingest.TestRecords.listing;
import static io.contactdesk.dbwriter.ingest.TestRecords.profile;
import static io.contactdesk.dbwriter.ingest.TestRecords.record;
import static io.contactdesk.dbwriter.ingest.TestRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.topics.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollBatchTest {

    @Test
    void poisonRecordIsSetAsideAndTheRestOfThePollIsWritten() {
        PollBatch poll = PollBatch.of(List.of(
                record(Topics.LEDGER, 1, "42", entry("update:1/credit:0", 42)),
                record(Topics.LEDGER, 2, "42", utf8("{oops")),
                record(Topics.LEDGER, 3, "42", entry("update:2/credit:0", 42))), TestRecords.tables());

        assertThat(poll.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.record().offset()).isEqualTo(2);
            assertThat(rejected.reason()).contains("LedgerEntry");
        });
        assertThat(poll.tables()).singleElement().satisfies(table -> assertThat(table.rows())
                .extracting(row -> ((LedgerEntry) row.value()).entryId())
                .containsExactly("update:1/credit:0", "update:2/credit:0"));
    }

    @Test
    void eachTopicGoesToItsOwnTable() {
        PollBatch poll = PollBatch.of(List.of(
                record(Topics.USERS, 1, "42", profile(42, AT)),
                record(Topics.LEDGER, 1, "42", entry("update:1/credit:0", 42))), TestRecords.tables());

        assertThat(poll.tables()).extracting(table -> table.table().table()).containsExactly("users", "credit_ledger");
    }

    @Test
    void onlyTheNewestProfileOfAUserInOnePollIsWritten() {
        PollBatch poll = PollBatch.of(List.of(
                record(Topics.USERS, 1, "42", profile(42, AT.plusSeconds(5))),
                record(Topics.USERS, 2, "7", profile(7, AT)),
                record(Topics.USERS, 3, "42", profile(42, AT))), TestRecords.tables());

        assertThat(poll.tables()).singleElement().satisfies(table -> assertThat(table.rows())
                .extracting(row -> (UserProfile) row.value())
                .containsExactly(profile(42, AT.plusSeconds(5)), profile(7, AT)));
    }

    @Test
    void repeatedEntryInOnePollIsWrittenOnce() {
        PollBatch poll = PollBatch.of(List.of(
                record(Topics.LEDGER, 1, "42", entry("update:1/credit:0", 42)),
                record(Topics.LEDGER, 2, "42", entry("update:1/credit:0", 42))), TestRecords.tables());

        assertThat(poll.tables()).singleElement().satisfies(table -> assertThat(table.rows()).hasSize(1));
    }

    @Test
    void onlyTheNewestVersionOfAListingInOnePollIsWrittenAndAPlaintextOneIsSetAside() {
        ContactCipher cipher = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k1"));
        Listing newer = listing("lst-1", cipher.encrypt("+49 30 1234567", "lst-1"), AT.plusSeconds(5));
        Listing older = listing("lst-1", cipher.encrypt("+49 30 7654321", "lst-1"), AT);

        PollBatch poll = PollBatch.of(List.of(
                record(Topics.LISTINGS, 1, "lst-1", newer),
                record(Topics.LISTINGS, 2, "lst-1", older),
                record(Topics.LISTINGS, 3, "lst-2", listing("lst-2", "+49 30 1234567", AT))), TestRecords.tables());

        assertThat(poll.tables()).singleElement().satisfies(table -> assertThat(table.rows())
                .extracting(row -> (Listing) row.value())
                .containsExactly(newer));
        assertThat(poll.rejected()).singleElement()
                .satisfies(rejected -> assertThat(rejected.record().offset()).isEqualTo(3));
    }
}
