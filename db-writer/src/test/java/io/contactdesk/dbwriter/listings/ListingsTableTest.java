package io.contactdesk.dbwriter.listings;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.dbwriter.database.SqlParam;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListingsTableTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-11-02T10:00:00Z");
    private static final ContactCipher CIPHER = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k2026"));
    private static final String SEALED = CIPHER.encrypt("+49 30 1234567", "lst-1");

    private final ListingsTable table = new ListingsTable();

    @Test
    void listingBecomesTheUpsertParametersInColumnOrder() {
        Listing listing = new Listing("lst-1", "Plumber", "home", "Berlin", "Fast", SEALED, ListingStatus.ACTIVE,
                42, SUBMITTED, 7L, UPDATED, UPDATED);

        List<SqlParam> params = table.parameters(listing);

        assertThat(params).extracting(SqlParam::value).containsExactly(
                "lst-1", "Plumber", "home", "Berlin", "Fast", SEALED, "k2026", "ACTIVE", 42L,
                SUBMITTED.atOffset(ZoneOffset.UTC), 7L, UPDATED.atOffset(ZoneOffset.UTC), UPDATED.atOffset(ZoneOffset.UTC),
                null);
        assertThat(params.get(12).sqlType()).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Test
    void undecidedListingBindsTypedNulls() {
        List<SqlParam> params = table.parameters(listing(SEALED, UPDATED));

        assertThat(params.get(10)).isEqualTo(new SqlParam(null, Types.BIGINT));
        assertThat(params.get(11)).isEqualTo(new SqlParam(null, Types.TIMESTAMP_WITH_TIMEZONE));
    }

    @Test
    void upsertNeverLetsAnOlderVersionOverwriteANewerOne() {
        assertThat(table.insertSql())
                .contains("ON CONFLICT (listing_id) DO UPDATE")
                .contains("WHERE listings.updated_at <= EXCLUDED.updated_at");
    }

    @Test
    void laterListingOfAPollSupersedesAnEarlierOne() {
        Listing older = listing(SEALED, UPDATED);
        Listing newer = listing(SEALED, UPDATED.plusSeconds(1));

        assertThat(table.rowKey(older)).isEqualTo("lst-1");
        assertThat(table.supersedes(newer, older)).isTrue();
        assertThat(table.supersedes(older, newer)).isFalse();
        assertThat(table.supersedes(listing(SEALED, UPDATED), older)).as("a tie goes to the later record").isTrue();
    }

    @Test
    void sealedContactIsAccepted() {
        assertThat(table.rejection(listing(SEALED, UPDATED))).isEmpty();
    }

    @Test
    void plaintextContactIsRejectedWithoutQuotingIt() {
        for (String plaintext : List.of("+49 30 1234567", "@plumber_berlin", "mail@example.org",
                "v1:k2026:+4930123", "v1:k2026", "v2:k2026:" + SEALED.substring(9), "v1::" + SEALED.substring(9),
                "v1:k2026:" + SEALED.substring(9) + ":extra", "", " " + SEALED)) {
            assertThat(table.rejection(listing(plaintext, UPDATED))).as(plaintext).hasValueSatisfying(reason -> {
                assertThat(reason).contains("sealedContact");
                if (!plaintext.isEmpty()) {
                    assertThat(reason).doesNotContain(plaintext);
                }
            });
        }
        assertThat(table.rejection(listing(null, UPDATED))).hasValueSatisfying(
                reason -> assertThat(reason).contains("sealedContact is missing"));
    }

    @Test
    void base64TooShortForAnAesGcmEnvelopeIsRejected() {
        // "phone123" in base64: the shape of an envelope, but no room for an IV and a tag.
        assertThat(table.rejection(listing("v1:k2026:cGhvbmUxMjM=", UPDATED))).isPresent();
    }

    @Test
    void listingWithoutIdOrVersionIsRejected() {
        assertThat(table.rejection(new Listing(" ", "t", null, null, null, SEALED, ListingStatus.PENDING, 42,
                SUBMITTED, null, null, UPDATED))).hasValueSatisfying(reason -> assertThat(reason).contains("listingId"));
        assertThat(table.rejection(listing(SEALED, null)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("updatedAt"));
    }

    private static Listing listing(String sealedContact, Instant updatedAt) {
        return new Listing("lst-1", "Plumber", "home", "Berlin", null, sealedContact, ListingStatus.PENDING, 42,
                SUBMITTED, null, null, updatedAt);
    }
}
