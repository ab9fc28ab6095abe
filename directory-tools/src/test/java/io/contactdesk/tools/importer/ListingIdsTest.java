package io.contactdesk.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.tools.OfflineGuess;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListingIdsTest {

    private static final ListingIds IDS = ListingIds.fromSetting(ListingIds.generateKey());
    private static final ListingRow ACME =
            new ListingRow(2, "Acme Plumbing", "Plumbing", "Berlin", "Pipes fixed fast.", "+49 30 1234567");

    @Test
    void fromAListingsPublicFieldsAndItsIdNoCandidateContactIsConfirmed() {
        // given a listing as the importer publishes it: title, category, city and id are public
        String id = IDS.of(ACME);
        Listing published = ImportListings.toListing(ACME, id, null, Instant.now(),
                ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k1")));

        // when an attacker hashes 10,000 phone numbers, the right one among them, the way ids used to be made
        var confirmed = OfflineGuess.confirmed(published.listingId(), published.title(), published.category(),
                published.city(), OfflineGuess.phoneNumbers("+49 30 123"));

        // then none is confirmed (the legacy id of the same row gives the number away: the attack itself works)
        assertThat(confirmed).isEmpty();
        assertThat(OfflineGuess.confirmed(ListingIds.legacyOf(ACME), "Acme Plumbing", "Plumbing", "Berlin",
                OfflineGuess.phoneNumbers("+49 30 123"))).containsExactly("+49 30 1234567");
    }

    @Test
    void theSameContentUnderTheSameKeyAlwaysGivesTheSameId() {
        String id = IDS.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234567");

        assertThat(id).matches("imk-[0-9a-f]{16}");
        assertThat(IDS.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234567")).isEqualTo(id);
    }

    @Test
    void anotherKeyGivesAnotherId() {
        ListingIds other = ListingIds.fromSetting(ListingIds.generateKey());

        assertThat(other.of(ACME)).isNotEqualTo(IDS.of(ACME));
    }

    @Test
    void caseAndSurroundingSpaceDoNotMatter() {
        assertThat(IDS.of(" ACME  plumbing ", "plumbing", "berlin ", " +49 30 1234567"))
                .isEqualTo(IDS.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234567"));
    }

    @Test
    void anyIdentifyingFieldChangesTheId() {
        String id = IDS.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234567");

        assertThat(IDS.of("Acme Plumbing 2", "Plumbing", "Berlin", "+49 30 1234567")).isNotEqualTo(id);
        assertThat(IDS.of("Acme Plumbing", "Repairs", "Berlin", "+49 30 1234567")).isNotEqualTo(id);
        assertThat(IDS.of("Acme Plumbing", "Plumbing", "Munich", "+49 30 1234567")).isNotEqualTo(id);
        assertThat(IDS.of("Acme Plumbing", "Plumbing", "Berlin", "+49 30 1234568")).isNotEqualTo(id);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertThat(IDS.of("a|b", "c", "d", "e")).isNotEqualTo(IDS.of("a", "b|c", "d", "e"));
    }

    @Test
    void theDescriptionIsNotPartOfTheId() {
        ListingRow edited = new ListingRow(9, "Acme Plumbing", "Plumbing", "Berlin", "Pipes fixed faster.", "+49 30 1234567");

        assertThat(IDS.of(edited)).isEqualTo(IDS.of(ACME));
    }

    @Test
    void aListingImportedBeforeIdsWereKeyedIsFoundUnderItsLegacyIdSoAReImportAddsNoTwin() {
        Listing legacy = ImportListings.toListing(ACME, ListingIds.legacyOf(ACME), null, Instant.now(),
                ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k1")))
                .withStatus(ListingStatus.REMOVED, 1L, Instant.now());

        Listing found = ImportListings.existing(ACME, IDS, Map.of(legacy.listingId(), legacy));

        assertThat(found).isSameAs(legacy);
        assertThat(ImportListings.existing(ACME, IDS, Map.of())).isNull();
    }

    @Test
    void printsNoKey() {
        String key = ListingIds.generateKey();

        assertThat(ListingIds.fromSetting(key).toString()).doesNotContain(key);
    }
}
