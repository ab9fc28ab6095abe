package io.contactdesk.tools.importer;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.ContactCipherException;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.tools.CompactedTopicReader;
import io.contactdesk.tools.ToolExit;
import io.contactdesk.tools.ToolSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code RekeyPlan}: the first step of re-keying listings imported with legacy {@code imp-} ids (directory-tools'
 * README, "Re-keying"). Reads {@code listings} and prints, one per line, {@code <legacy id> <keyed id>} for every
 * listing whose id is the unkeyed hash of its own content, i.e. the id a re-import under {@code LISTING_ID_KEY}
 * would give it. Ids only: both are public, the contact is opened in memory to compute the new one and never
 * printed. It changes nothing; {@link RekeyListings} carries the moves out. A listing already moved is left out.
 *
 * <p>Exit codes: 0 done, 2 a setting is wrong, 1 Kafka failed or some contact could not be opened (named by id).
 */
public final class RekeyPlan {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private RekeyPlan() {
    }

    /** A legacy listing and the id it moves to. */
    public record Move(String legacyId, String keyedId) {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 0) {
            err.println("usage: RekeyPlan   (settings from the environment: " + ToolSettings.BOOTSTRAP
                    + ", CONTACT_ENCRYPTION_KEYS, " + ListingIds.VARIABLE + ")");
            return ToolExit.SETTINGS;
        }
        return ToolExit.run(ToolSettings.bootstrapServers(env), err, () -> {
            ToolSettings settings = ToolSettings.fromEnv(env);
            ListingIds ids = ListingIds.fromSetting(env.get(ListingIds.VARIABLE));
            Map<String, Listing> listings = new CompactedTopicReader(settings.kafka(), KAFKA_TIMEOUT)
                    .readAll(Topics.LISTINGS, err);
            List<String> unreadable = new ArrayList<>();
            List<Move> moves = plan(listings, settings.cipher(), ids, unreadable);
            moves.forEach(move -> out.println(move.legacyId() + " " + move.keyedId()));
            unreadable.forEach(id -> err.println("listing " + id + ": contact cannot be opened; not planned"));
            err.println(moves.size() + " of " + listings.size() + " listings carry a legacy id");
            return unreadable.isEmpty() ? ToolExit.OK : ToolExit.FAILED;
        });
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
