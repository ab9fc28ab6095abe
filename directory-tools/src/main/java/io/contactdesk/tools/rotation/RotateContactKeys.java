package io.contactdesk.tools.rotation;

import io.contactdesk.contracts.crypto.ContactCipherException;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.ops.Roster;
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
 * {@code RotateContactKeys}: after a new key is put first in {@code CONTACT_ENCRYPTION_KEYS}, re-encrypts every
 * listing's contact that is sealed with an older key and republishes the listing, so the old key can later be dropped
 * from the ring. Listings already under the active key are left alone, which makes a second run rotate nothing. It
 * refuses to start while a running service lacks the new key, as its heartbeat on {@code ops.heartbeats} tells
 * ({@link KeyRollout}).
 *
 * <p>Exit codes: 0 done, 2 a setting is wrong, 1 Kafka failed, a running service lacks the new key (named on
 * stderr) or some envelope could not be opened (those listings are named by id on stderr; their contact is never
 * printed).
 */
public final class RotateContactKeys {

    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private RotateContactKeys() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 0) {
            err.println("usage: RotateContactKeys   (settings from the environment: "
                    + ToolSettings.BOOTSTRAP + ", CONTACT_ENCRYPTION_KEYS)");
            return ToolExit.SETTINGS;
        }
        return ToolExit.run(ToolSettings.bootstrapServers(env), err, () -> {
            ToolSettings settings = ToolSettings.fromEnv(env);
            CompactedTopicReader reader = new CompactedTopicReader(settings.kafka(), KAFKA_TIMEOUT);
            String newKey = settings.cipher().activeKeyId();
            List<String> lacking = KeyRollout.lacking(reader.readAll(Topics.HEARTBEATS, err).values(), newKey,
                    Roster.standard(), Instant.now());
            if (!lacking.isEmpty()) {
                err.println("refusing to rotate to key " + newKey + ": running instances lack it: "
                        + String.join(", ", lacking) + ". Roll the keyring with " + newKey
                        + " (decrypt-only is enough) out to them first");
                return ToolExit.FAILED;
            }
            Map<String, Listing> listings = reader.readAll(Topics.LISTINGS, err);
            Instant now = Instant.now();
            List<Listing> rotated = new ArrayList<>();
            int failed = 0;
            for (Listing listing : listings.values()) {
                if (listing.sealedContact() == null) {
                    continue;
                }
                try {
                    if (settings.cipher().needsRotation(listing.sealedContact())) {
                        String envelope = settings.cipher().rotate(listing.sealedContact(), listing.listingId());
                        rotated.add(listing.withSealedContact(envelope, now));
                    }
                } catch (ContactCipherException e) {
                    // The cipher's messages name the problem, never the contact.
                    err.println("listing " + listing.listingId() + ": cannot rotate: " + e.getMessage());
                    failed++;
                }
            }
            if (!rotated.isEmpty()) {
                try (ListingPublisher publisher = ListingPublisher.open(settings, KAFKA_TIMEOUT)) {
                    rotated.forEach(publisher::publish);
                    publisher.flush();
                }
            }
            out.println("rotated " + rotated.size() + " of " + listings.size() + " listings to key "
                    + settings.cipher().activeKeyId());
            if (failed > 0) {
                err.println(failed + " listing(s) could not be rotated; keep their keys in the ring until fixed");
                return ToolExit.FAILED;
            }
            return ToolExit.OK;
        });
    }
}
