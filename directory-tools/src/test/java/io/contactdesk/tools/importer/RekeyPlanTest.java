package io.contactdesk.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Listing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RekeyPlanTest {

    private static final ContactCipher CIPHER = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k1"));
    private static final ListingIds IDS = ListingIds.fromSetting(ListingIds.generateKey());
    private static final ListingRow ACME =
            new ListingRow(2, "Acme Plumbing", "Plumbing", "Berlin", "Pipes fixed fast.", "+49 30 1234567");
    private static final ListingRow ANNA =
            new ListingRow(3, "Anna's Tutoring", "Tutoring", "Munich", "Algebra and more.", "anna@example.org");

    @Test
    void everyLegacyListingMovesToTheIdAReImportWouldGiveIt() {
        // given two listings imported with legacy ids, one already keyed, and one the bot made
        Listing legacyAcme = listing(ACME, ListingIds.legacyOf(ACME));
        Listing legacyAnna = listing(ANNA, ListingIds.legacyOf(ANNA));
        Listing keyed = listing(new ListingRow(4, "HH Movers", "Moving", "Hamburg", "Boxes carried.", "@movers_hh"),
                IDS.of("HH Movers", "Moving", "Hamburg", "@movers_hh"));
        Listing submitted = listing(new ListingRow(5, "Bot listing", "Other", "Berlin", "Made by /submit.", "+4930999"),
                "l-100-7");
        List<String> unreadable = new ArrayList<>();

        // when the plan is made
        List<RekeyPlan.Move> moves = RekeyPlan.plan(byId(legacyAcme, legacyAnna, keyed, submitted), CIPHER, IDS, unreadable);

        // then exactly the legacy ones move, each to its keyed id
        assertThat(moves).containsExactlyInAnyOrder(
                new RekeyPlan.Move(legacyAcme.listingId(), IDS.of(ACME)),
                new RekeyPlan.Move(legacyAnna.listingId(), IDS.of(ANNA)));
        assertThat(unreadable).isEmpty();
    }

    @Test
    void aLegacyListingWhoseContactCannotBeOpenedIsNamedNotGuessed() {
        Listing sealedElsewhere = listing(ACME, ListingIds.legacyOf(ACME));
        ContactCipher otherRing = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k9"));
        List<String> unreadable = new ArrayList<>();

        assertThat(RekeyPlan.plan(byId(sealedElsewhere), otherRing, IDS, unreadable)).isEmpty();
        assertThat(unreadable).containsExactly(sealedElsewhere.listingId());
    }

    private static Listing listing(ListingRow row, String id) {
        return ImportListings.toListing(row, id, null, Instant.parse("2026-12-01T00:00:00Z"), CIPHER);
    }

    private static Map<String, Listing> byId(Listing... listings) {
        return Stream.of(listings).collect(Collectors.toMap(Listing::listingId, Function.identity()));
    }
}
