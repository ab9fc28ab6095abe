package io.contactdesk.contracts.events;

import java.time.Instant;

/** A user paid for (or re-opened) a listing's contact; one per user and listing. */
public record ContactUnlocked(
        String unlockId,
        long userId,
        String listingId,
        String ledgerEntryId,
        long cost,
        Instant unlockedAt) {
}
