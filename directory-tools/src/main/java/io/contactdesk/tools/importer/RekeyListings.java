package io.contactdesk.tools.importer;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.tools.CompactedTopicReader;
import io.contactdesk.tools.ListingPublisher;
import io.contactdesk.tools.ToolExit;
import io.contactdesk.tools.ToolSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code RekeyListings}: carries out {@link RekeyPlan}'s moves. For each listing still under a legacy {@code imp-} id
 * (whose id is the unkeyed hash of its contact) it publishes the listing under its keyed id, the contact re-sealed
 * with that id as associated data, and then the legacy id's last record: REMOVED, {@code movedTo} the keyed id. From
 * that record the processor moves users' unlocks and shown history to the new id (and follows old buttons there),
 * and the db-writer re-points {@code unlocks} and ledger reasons (V5). Moved listings are left out of the plan, so a
 * second run moves nothing.
 *
 * <p>Exit codes: 0 done, 2 a setting is wrong, 1 Kafka failed or some contact could not be opened (named by id; such a
 * listing is not moved).
 */
public final class RekeyListings {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private RekeyListings() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean dryRun = args.length == 1 && args[0].equals("--dry-run");
        if (args.length != 0 && !dryRun) {
            err.println("usage: RekeyListings [--dry-run]   (settings from the environment: " + ToolSettings.BOOTSTRAP
                    + ", CONTACT_ENCRYPTION_KEYS, " + ListingIds.VARIABLE + ")");
            return ToolExit.SETTINGS;
        }
        return ToolExit.run(ToolSettings.bootstrapServers(env), err, () -> {
            ToolSettings settings = ToolSettings.fromEnv(env);
            ListingIds ids = ListingIds.fromSetting(env.get(ListingIds.VARIABLE));
            Map<String, Listing> listings = new CompactedTopicReader(settings.kafka(), KAFKA_TIMEOUT)
                    .readAll(Topics.LISTINGS, err);
            List<String> unreadable = new ArrayList<>();
            List<RekeyPlan.Move> moves = RekeyPlan.plan(listings, settings.cipher(), ids, unreadable);
            if (dryRun) {
                moves.forEach(move -> out.println(move.legacyId() + " " + move.keyedId()));
                unreadable.forEach(id -> err.println("listing " + id + ": contact cannot be opened; not planned"));
                err.println(moves.size() + " of " + listings.size() + " listings carry a legacy id");
                return unreadable.isEmpty() ? ToolExit.OK : ToolExit.FAILED;
            }
            Instant now = Instant.now();
            if (!moves.isEmpty()) {
                try (ListingPublisher publisher = ListingPublisher.open(settings, KAFKA_TIMEOUT)) {
                    for (RekeyPlan.Move move : moves) {
                        Listing legacy = listings.get(move.legacyId());
                        String contact = settings.cipher().decrypt(legacy.sealedContact(), legacy.listingId());
                        // New id first: when the processor reads the move, the listing is already there to move to.
                        publisher.publish(legacy.withId(move.keyedId(),
                                settings.cipher().encrypt(contact, move.keyedId()), now));
                        publisher.publish(legacy.movedTo(move.keyedId(), now));
                        out.println(move.legacyId() + " -> " + move.keyedId());
                    }
                    publisher.flush();
                }
            }
            unreadable.forEach(id -> err.println("listing " + id + ": contact cannot be opened; not moved"));
            err.println("moved " + moves.size() + " of " + listings.size() + " listings to keyed ids");
            return unreadable.isEmpty() ? ToolExit.OK : ToolExit.FAILED;
        });
    }
}
