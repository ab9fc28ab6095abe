package io.contactdesk.dbwriter.ingest;

import static io.contactdesk.dbwriter.ingest.TestRecords.AT;
import static io.contactdesk.dbwriter.ingest.TestRecords.entry;
import static io.contactdesk.dbwriter.ingest.TestRecords.listing;
import static io.contactdesk.dbwriter.ingest.TestRecords.record;
import static io.contactdesk.dbwriter.ingest.TestRecords.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.dbwriter.ledger.LedgerTable;
import io.contactdesk.dbwriter.listings.ListingsTable;
import io.contactdesk.dbwriter.users.UsersTable;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final LedgerTable ledger = new LedgerTable();
    private final UsersTable users = new UsersTable();
    private final ListingsTable listings = new ListingsTable();

    @Test
    void validEntryIsAccepted() {
        DecodedRecord decision = RecordDecoder.decide(ledger, record(Topics.LEDGER, 7, "42", entry("update:1/credit:0", 42)));

        assertThat(decision).isInstanceOfSatisfying(Accepted.class,
                accepted -> assertThat(accepted.value()).isEqualTo(entry("update:1/credit:0", 42)));
    }

    @Test
    void invalidJsonIsDeadLetteredWithTheParseError() {
        DecodedRecord decision = RecordDecoder.decide(ledger, record(Topics.LEDGER, 7, "42", utf8("{not json")));

        assertThat(decision).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("not a valid LedgerEntry on credit.ledger"));
    }

    @Test
    void entryBreakingTheEventsOwnRulesIsDeadLettered() {
        byte[] negative = utf8("""
                {"entryId":"update:1/credit:0","userId":42,"delta":-5,"balanceAfter":-2,"kind":"UNLOCK"}""");

        DecodedRecord decision = RecordDecoder.decide(ledger, record(Topics.LEDGER, 7, "42", negative));

        assertThat(decision).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("never negative"));
    }

    @Test
    void parsedEntryTheTableRefusesIsDeadLettered() {
        DecodedRecord decision = RecordDecoder.decide(ledger, record(Topics.LEDGER, 7, "0", entry("update:1/credit:0", 0)));

        assertThat(decision).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("userId"));
    }

    @Test
    void tombstoneOnTheCompactedUsersTopicIsSkipped() {
        DecodedRecord decision = RecordDecoder.decide(users, record(Topics.USERS, 7, "42", (byte[]) null));

        assertThat(decision).isInstanceOf(DecodedRecord.Skipped.class);
    }

    @Test
    void tombstoneOnTheLedgerIsDeadLettered() {
        DecodedRecord decision = RecordDecoder.decide(ledger, record(Topics.LEDGER, 7, "42", (byte[]) null));

        assertThat(decision).isInstanceOf(Rejected.class);
    }

    @Test
    void listingWithAPlaintextContactIsDeadLetteredWithoutQuotingIt() {
        DecodedRecord decision = RecordDecoder.decide(listings,
                record(Topics.LISTINGS, 7, "lst-1", listing("lst-1", "+49 30 1234567", AT)));

        assertThat(decision).isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.reason())
                .contains("not a contact envelope")
                .doesNotContain("1234567"));
    }

    @Test
    void listingWithoutAStatusIsDeadLettered() {
        byte[] noStatus = utf8("""
                {"listingId":"lst-1","sealedContact":"v1:k:AAAA","submittedBy":42,"updatedAt":"2026-11-02T10:00:00Z"}""");

        DecodedRecord decision = RecordDecoder.decide(listings, record(Topics.LISTINGS, 7, "lst-1", noStatus));

        assertThat(decision).isInstanceOfSatisfying(Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("status"));
    }

    @Test
    void tombstoneOnTheCompactedListingsTopicIsSkipped() {
        DecodedRecord decision = RecordDecoder.decide(listings, record(Topics.LISTINGS, 7, "lst-1", (byte[]) null));

        assertThat(decision).isInstanceOf(DecodedRecord.Skipped.class);
    }
}
