package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.BroadcastControl;
import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.StarPayment;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.broadcast.BroadcastRequest;
import io.contactdesk.processor.moderation.ModerationRequest;
import java.util.List;

/**
 * Everything one input leads to: the account to store and the events to publish, all in the same exactly-once
 * transaction.
 *
 * @param account the account to store, or null when nothing is to be stored (an unknown user's dropped update)
 * @param profile the user's profile when it changed (registration, new name, ban), else null
 * @param registered the account is new
 * @param payments Stars payments credited (or refunded), by charge id
 * @param reportRequests admins' questions for the ops console ({@code /health}, {@code /lag})
 * @param rateLimited the update was over the user's rate limit and not acted on
 */
public record Outcome(
        Account account,
        boolean registered,
        UserProfile profile,
        List<OutboxMessage> replies,
        List<LedgerEntry> ledger,
        List<Listing> listings,
        List<ContactUnlocked> unlocks,
        List<AuditEvent> audit,
        List<AccountCommand> accountCommands,
        List<ModerationRequest> moderation,
        List<BroadcastRequest> broadcasts,
        List<BroadcastControl> broadcastControls,
        List<StarPayment> payments,
        List<OpsReportRequested> reportRequests,
        boolean rateLimited) {

    public Outcome {
        replies = List.copyOf(replies);
        ledger = List.copyOf(ledger);
        listings = List.copyOf(listings);
        unlocks = List.copyOf(unlocks);
        audit = List.copyOf(audit);
        accountCommands = List.copyOf(accountCommands);
        moderation = List.copyOf(moderation);
        broadcasts = List.copyOf(broadcasts);
        broadcastControls = List.copyOf(broadcastControls);
        payments = List.copyOf(payments);
        reportRequests = List.copyOf(reportRequests);
    }

    public static Outcome nothing() {
        return new Outcome(null, false, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), false);
    }
}
