package io.contactdesk.contracts.events;

import java.time.Instant;
import java.util.Objects;

/**
 * One append-only change of a user's credits. {@code balanceAfter} is the processor's authoritative
 * balance once this entry applied; the sum of a user's deltas always equals it.
 *
 * @param recordedAt when the cause happened (an admin's grant is recorded at the admin's command, even if the user's
 *     own updates were applied before it reached their account)
 * @param sequence the entry's place in the user's ledger, 1, 2, 3…: the order the entries were applied in, so the
 *     last one's {@code balanceAfter} is the balance (0 for entries written before it existed)
 */
public record LedgerEntry(
        String entryId,
        long userId,
        long delta,
        long balanceAfter,
        LedgerKind kind,
        String reason,
        String causeId,
        Instant recordedAt,
        Long sequence) {

    public LedgerEntry(String entryId, long userId, long delta, long balanceAfter, LedgerKind kind, String reason,
            String causeId, Instant recordedAt) {
        this(entryId, userId, delta, balanceAfter, kind, reason, causeId, recordedAt, 0L);
    }

    public LedgerEntry {
        // Entries written before the sequence existed have none: 0, "unknown".
        sequence = sequence == null ? 0L : sequence;
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(kind, "kind");
        if (balanceAfter < 0) {
            throw new IllegalArgumentException("a balance is never negative: " + balanceAfter);
        }
    }
}
