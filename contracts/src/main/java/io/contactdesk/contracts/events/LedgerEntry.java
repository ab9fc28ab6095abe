package io.contactdesk.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One append-only change of a user's credits. {@code balanceAfter} is the processor's authoritative
 * balance once this entry applied; the sum of a user's deltas always equals it.
 */
public record LedgerEntry(
        String entryId,
        long userId,
        long delta,
        long balanceAfter,
        LedgerKind kind,
        String reason,
        String causeId,
        Instant recordedAt) {

    public LedgerEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(kind, "kind");
        if (balanceAfter < 0) {
            throw new IllegalArgumentException("a balance is never negative: " + balanceAfter);
        }
    }
}
