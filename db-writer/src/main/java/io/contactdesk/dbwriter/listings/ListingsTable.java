package io.contactdesk.dbwriter.listings;

import static io.contactdesk.dbwriter.database.SqlParam.bigint;
import static io.contactdesk.dbwriter.database.SqlParam.bigintOrNull;
import static io.contactdesk.dbwriter.database.SqlParam.text;
import static io.contactdesk.dbwriter.database.SqlParam.timestamptz;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.dbwriter.database.SqlParam;
import io.contactdesk.dbwriter.ingest.TopicTable;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * {@code listings}: the latest state of each directory listing. The topic is compacted and may be
 * replayed from any point, so {@code updated_at} decides: an older listing never overwrites a newer one.
 * The contact is stored as the {@code ContactCipher} envelope it arrives in; a value that is not one
 * (a plaintext contact above all) is dead-lettered, never written. A listing's last record with {@code moved_to}
 * (re-keyed) makes the V5 triggers move its unlocks and ledger reasons to the new id.
 */
@Component
public class ListingsTable implements TopicTable<Listing> {

    static final String INSERT = """
            INSERT INTO listings (listing_id, title, category, city, description, sealed_contact, contact_key_id,
                                  status, submitted_by, submitted_at, decided_by, decided_at, updated_at, moved_to)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (listing_id) DO UPDATE SET
                title = EXCLUDED.title,
                category = EXCLUDED.category,
                city = EXCLUDED.city,
                description = EXCLUDED.description,
                sealed_contact = EXCLUDED.sealed_contact,
                contact_key_id = EXCLUDED.contact_key_id,
                status = EXCLUDED.status,
                submitted_by = EXCLUDED.submitted_by,
                submitted_at = EXCLUDED.submitted_at,
                decided_by = EXCLUDED.decided_by,
                decided_at = EXCLUDED.decided_at,
                updated_at = EXCLUDED.updated_at,
                moved_to = EXCLUDED.moved_to,
                written_at = now()
            WHERE listings.updated_at <= EXCLUDED.updated_at
            """;

    /**
     * {@code v1:<keyId>:<base64>}, as {@code ContactCipher} seals a contact; the same pattern as the
     * table's CHECK constraint. Key ids are ContactCipher's own (letters, digits, {@code -}, {@code _}).
     */
    static final Pattern ENVELOPE = Pattern.compile(
            "v1:[A-Za-z0-9_-]{1,32}:([A-Za-z0-9+/]{4})+([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    /** An AES-GCM envelope holds at least its 12-byte IV and 16-byte tag. */
    private static final int MIN_SEALED_BYTES = 12 + 16;

    @Override
    public Topic<String, Listing> topic() {
        return Topics.LISTINGS;
    }

    @Override
    public String table() {
        return "listings";
    }

    @Override
    public String insertSql() {
        return INSERT;
    }

    @Override
    public List<SqlParam> parameters(Listing listing) {
        return List.of(
                text(listing.listingId()),
                text(listing.title()),
                text(listing.category()),
                text(listing.city()),
                text(listing.description()),
                text(listing.sealedContact()),
                text(listing.contactKeyId()),
                text(listing.status().name()),
                bigint(listing.submittedBy()),
                timestamptz(listing.submittedAt()),
                bigintOrNull(listing.decidedBy()),
                timestamptz(listing.decidedAt()),
                timestamptz(listing.updatedAt()),
                text(listing.movedTo()));
    }

    @Override
    public Object rowKey(Listing listing) {
        return listing.listingId();
    }

    /** As the upsert's guard decides: the later {@code updatedAt} wins, and on a tie the later record. */
    @Override
    public boolean supersedes(Listing candidate, Listing kept) {
        return !orOldest(candidate.updatedAt()).isBefore(orOldest(kept.updatedAt()));
    }

    @Override
    public Optional<String> rejection(Listing listing) {
        if (listing.listingId().isBlank()) {
            return Optional.of("listingId is blank");
        }
        if (listing.updatedAt() == null) {
            return Optional.of("updatedAt is missing: versions of a listing could not be ordered");
        }
        return envelopeProblem(listing.sealedContact());
    }

    /**
     * Why a sealed contact is not a contact envelope, if it is not. The reason never quotes the value:
     * it may be a plaintext contact, and reasons end up in logs and dead letters.
     */
    static Optional<String> envelopeProblem(String sealedContact) {
        if (sealedContact == null || sealedContact.isEmpty()) {
            return Optional.of("sealedContact is missing");
        }
        if (!ENVELOPE.matcher(sealedContact).matches()) {
            return Optional.of("sealedContact is not a contact envelope v1:<keyId>:<base64> "
                    + "(plaintext contacts are never stored)");
        }
        String payload = sealedContact.substring(sealedContact.lastIndexOf(':') + 1);
        if (Base64.getDecoder().decode(payload).length < MIN_SEALED_BYTES) {
            return Optional.of("sealedContact is too short for an AES-GCM envelope (plaintext contacts are never stored)");
        }
        return Optional.empty();
    }

    private static Instant orOldest(Instant time) {
        return time == null ? Instant.MIN : time;
    }
}
