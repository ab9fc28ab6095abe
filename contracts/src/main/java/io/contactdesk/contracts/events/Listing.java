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
        Instant updatedAt) {

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
                submittedAt, admin, at, at);
    }

    public Listing withSealedContact(String envelope, Instant at) {
        return new Listing(listingId, title, category, city, description, envelope, status, submittedBy,
                submittedAt, decidedBy, decidedAt, at);
    }
}
