package io.contactdesk.processor.history;

import io.contactdesk.contracts.events.LedgerEntry;
import java.util.ArrayList;
import java.util.List;

/** A user's most recent ledger entries, newest first, for /history (the full ledger is in PostgreSQL). */
public record LedgerHistory(List<LedgerEntry> newestFirst) {

    public static final int KEPT = 200;

    public LedgerHistory {
        newestFirst = newestFirst == null ? List.of() : List.copyOf(newestFirst);
    }

    /**
     * The same entries with no reasons: after {@code /forgetme} the history keeps amounts, kinds, dates and balances,
     * and nothing that names a listing the user unlocked or repeats what an admin wrote about them.
     */
    public LedgerHistory withoutReasons() {
        return new LedgerHistory(newestFirst.stream()
                .map(e -> new LedgerEntry(e.entryId(), e.userId(), e.delta(), e.balanceAfter(), e.kind(), null,
                        e.causeId(), e.recordedAt(), e.sequence()))
                .toList());
    }

    public LedgerHistory with(LedgerEntry entry) {
        List<LedgerEntry> entries = new ArrayList<>(newestFirst.size() + 1);
        entries.add(entry);
        entries.addAll(newestFirst.subList(0, Math.min(newestFirst.size(), KEPT - 1)));
        return new LedgerHistory(entries);
    }
}
