package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.processor.accounts.Account;
import java.util.List;

/**
 * Everything one update leads to: the account to store and the events to publish, all in the same exactly-once
 * transaction.
 *
 * @param profile the user's profile when it changed (registration, new name), else null
 */
public record Outcome(Account account, List<OutboxMessage> replies, List<LedgerEntry> ledger, UserProfile profile) {

    public Outcome {
        replies = List.copyOf(replies);
        ledger = List.copyOf(ledger);
    }
}
