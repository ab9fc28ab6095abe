package io.contactdesk.tools.importer;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.ContactCipherException;
import io.contactdesk.contracts.events.Listing;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which listings imported with legacy {@code imp-} ids move where (directory-tools' README, "Re-keying"): every
 * listing whose id is the unkeyed hash of its own content moves to the id a re-import under {@code LISTING_ID_KEY}
 * would give it. The contact is opened in memory to compute the new id and never kept. {@link RekeyListings} prints
 * the plan ({@code --dry-run}) or carries it out. A listing already moved is left out.
 */
public final class RekeyPlan {

    private RekeyPlan() {
    }

    /** A legacy listing and the id it moves to. */
    public record Move(String legacyId, String keyedId) {
    }

    /**
     * The moves for every listing whose id is the legacy hash of its title, category, city and contact; listings
     * made by the bot, already keyed, or merely named {@code imp-…} otherwise are left out.
     */
    public static List<Move> plan(Map<String, Listing> listings, ContactCipher cipher, ListingIds ids, List<String> unreadable) {
        Map<String, Move> moves = new TreeMap<>();
        for (Listing listing : listings.values()) {
            if (!listing.listingId().startsWith(ListingIds.LEGACY_PREFIX) || listing.sealedContact() == null
                    || listing.movedTo() != null) {
                continue;
            }
            String contact;
            try {
                contact = cipher.decrypt(listing.sealedContact(), listing.listingId());
            } catch (ContactCipherException e) {
                unreadable.add(listing.listingId());
                continue;
            }
            ListingRow row = new ListingRow(0, listing.title(), listing.category(), listing.city(),
                    listing.description(), contact);
            if (ListingIds.legacyOf(row).equals(listing.listingId())) {
                moves.put(listing.listingId(), new Move(listing.listingId(), ids.of(row)));
            }
        }
        return moves.values().stream().sorted(Comparator.comparing(Move::legacyId)).toList();
    }
}
