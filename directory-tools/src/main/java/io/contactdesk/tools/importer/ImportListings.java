package io.contactdesk.tools.importer;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.ContactCipherException;
import io.contactdesk.contracts.directory.Categories;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.tools.CompactedTopicReader;
import io.contactdesk.tools.ListingPublisher;
import io.contactdesk.tools.ToolExit;
import io.contactdesk.tools.ToolSettings;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ImportListings <file.csv>}: publishes the valid rows of a CSV file as ACTIVE listings (contact encrypted with
 * the active key), reports the invalid ones by line on stderr, and skips listings already on the topic, so running it
 * twice on the same file changes nothing.
 *
 * <p>Exit codes: 0 the file was processed (even with bad rows), 2 a setting or the arguments are wrong, 1 the file
 * could not be read or parsed, or Kafka failed.
 */
public final class ImportListings {

    public static final String CATEGORIES = "LISTING_CATEGORIES";
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    private ImportListings() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: ImportListings <file.csv>   (header: " + String.join(",", ListingCsv.COLUMNS) + ")");
            return ToolExit.SETTINGS;
        }
        return ToolExit.run(ToolSettings.bootstrapServers(env), err, () -> {
            ToolSettings settings = ToolSettings.fromEnv(env);
            ListingIds ids = ListingIds.fromSetting(env.get(ListingIds.VARIABLE));
            Categories categories = Categories.parse(env.get(CATEGORIES));
            Path file = Path.of(args[0]);
            ListingCsv.Parsed parsed;
            try {
                parsed = new ListingCsv(new RowValidator(categories)).parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (ImportFileException e) {
                err.println(file + ": " + e.getMessage());
                return ToolExit.FAILED;
            }
            parsed.problems().forEach(err::println);

            Map<String, Listing> existing = new CompactedTopicReader(settings.kafka(), KAFKA_TIMEOUT)
                    .readAll(Topics.LISTINGS, err);
            Instant now = Instant.now();
            List<Listing> fresh = new ArrayList<>();
            int alreadyPresent = 0;
            for (ListingRow row : parsed.rows()) {
                Listing current = existing(row, ids, existing);
                String id = current == null ? ids.of(row) : current.listingId();
                if (current != null && sameContent(current, row, settings.cipher())) {
                    alreadyPresent++;
                } else {
                    fresh.add(toListing(row, id, current, now, settings.cipher()));
                }
            }
            if (!fresh.isEmpty()) {
                try (ListingPublisher publisher = ListingPublisher.open(settings, KAFKA_TIMEOUT)) {
                    fresh.forEach(publisher::publish);
                    publisher.flush();
                }
            }
            out.println("imported " + fresh.size() + ", skipped " + parsed.problems().size() + " (bad rows), "
                    + alreadyPresent + " already present");
            return ToolExit.OK;
        });
    }

    /**
     * The listing {@code row} already is on the topic: under its keyed id, or, if it was imported before ids were
     * keyed, under its legacy id, which it keeps until re-keyed (see the README) rather than gain a twin.
     */
    static Listing existing(ListingRow row, ListingIds ids, Map<String, Listing> existing) {
        Listing current = existing.get(ids.of(row));
        return current != null ? current : existing.get(ListingIds.legacyOf(row));
    }

    /**
     * A new listing, or, when the id exists with other content (a corrected description, a changed spelling), the
     * corrected one that keeps its moderation state: re-importing must not bring back a listing an admin removed.
     */
    static Listing toListing(ListingRow row, String id, Listing current, Instant now, ContactCipher cipher) {
        String sealed = cipher.encrypt(row.contact(), id); // the id is the associated data: the envelope fits only here
        if (current == null) {
            return new Listing(id, row.title(), row.category(), row.city(), row.description(), sealed,
                    ListingStatus.ACTIVE, 0L, now, null, now, now);
        }
        return new Listing(id, row.title(), row.category(), row.city(), row.description(), sealed, current.status(),
                current.submittedBy(), current.submittedAt(), current.decidedBy(), current.decidedAt(), now);
    }

    /** Whether republishing {@code row} would change nothing a reader sees. */
    static boolean sameContent(Listing current, ListingRow row, ContactCipher cipher) {
        if (!(Objects.equals(current.title(), row.title()) && Objects.equals(current.category(), row.category())
                && Objects.equals(current.city(), row.city())
                && Objects.equals(current.description(), row.description()))) {
            return false;
        }
        try {
            // The id covers the contact only up to case; compare it exactly, in memory only.
            return row.contact().equals(cipher.decrypt(current.sealedContact(), current.listingId()));
        } catch (ContactCipherException e) {
            return false; // sealed with a key no longer in the ring: republishing seals it anew
        }
    }
}
