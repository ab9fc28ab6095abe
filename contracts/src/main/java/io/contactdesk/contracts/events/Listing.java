package io.contactdesk.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A directory entry: the latest value per listing id on the compacted {@code listings} topic.
 * The contact is only ever a {@code ContactCipher} envelope here.
 *
 * @param sealedContact AES-256-GCM envelope {@code v1:<keyId>:…}, bound to {@code listingId}
 * @param submittedBy the Telegram user who submitted it (0 for imports)
 * @param decidedBy the admin who approved or rejected it, if any
 * @param movedTo the id the listing lives under now, when it was re-keyed (a legacy {@code imp-} id leaked its
 *     contact): this record is then REMOVED, and the processor and the db-writer move unlocks and history to the new
 *     id; null otherwise
 */
public record Listing(
        String listingId,
        String title,
        String category,
        String city,
        String description,
        String sealedContact,
        ListingStatus status,
        long submittedBy,
        Instant submittedAt,
        Long decidedBy,
        Instant decidedAt,
        Instant updatedAt,
        String movedTo) {

    public Listing(String listingId, String title, String category, String city, String description,
            String sealedContact, ListingStatus status, long submittedBy, Instant submittedAt, Long decidedBy,
            Instant decidedAt, Instant updatedAt) {
        this(listingId, title, category, city, description, sealedContact, status, submittedBy, submittedAt,
                decidedBy, decidedAt, updatedAt, null);
    }

    public Listing {
        Objects.requireNonNull(listingId, "listingId");
        Objects.requireNonNull(status, "status");
    }

    /** The key id inside the envelope, for the database column and for rotation. */
    public String contactKeyId() {
        if (sealedContact == null) {
            return null;
        }
        String[] parts = sealedContact.split(":", 3);
        return parts.length == 3 ? parts[1] : null;
    }

    public Listing withStatus(ListingStatus newStatus, Long admin, Instant at) {
        return new Listing(listingId, title, category, city, description, sealedContact, newStatus, submittedBy,
                submittedAt, admin, at, at, movedTo);
    }

    public Listing withSealedContact(String envelope, Instant at) {
        return new Listing(listingId, title, category, city, description, envelope, status, submittedBy,
                submittedAt, decidedBy, decidedAt, at, movedTo);
    }

    /** The same listing under another id, with the contact sealed for that id. */
    public Listing withId(String newId, String envelope, Instant at) {
        return new Listing(newId, title, category, city, description, envelope, status, submittedBy, submittedAt,
                decidedBy, decidedAt, at, null);
    }

    /** This id's last record once the listing was re-keyed: removed here, found under {@code newId}. */
    public Listing movedTo(String newId, Instant at) {
        return new Listing(listingId, title, category, city, description, sealedContact, ListingStatus.REMOVED,
                submittedBy, submittedAt, decidedBy, decidedAt, at, newId);
    }
}
