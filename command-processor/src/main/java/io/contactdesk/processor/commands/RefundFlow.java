package io.contactdesk.processor.commands;

import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.history.LedgerHistory;
import java.util.List;
import java.util.Optional;

/**
 * No charge without a contact to show. When the notifier reports that the message revealing a contact was
 * dead-lettered ({@link DeliveryReport.Finding#CONTACT_NOT_SHOWN}), the unlock paid by the same update is refunded:
 * a compensating ledger entry of kind {@link LedgerKind#REFUND} for exactly what was paid, the listing locked again
 * (so a later unlock, once the contact can be shown, is charged and shown), and the user told.
 *
 * <p>Only the paying reveal is refunded: a free reveal of an earlier unlock has no payment of its own cause. A second
 * report of the same failure finds the refund in the user's history and changes nothing.
 */
public final class RefundFlow {

    public Optional<Outcome> contactNotShown(Account account, LedgerHistory history, DeliveryReport report) {
        if (account == null || report.listingId() == null || report.causeId() == null
                || !account.hasUnlocked(report.listingId())) {
            return Optional.empty();
        }
        List<LedgerEntry> entries = history == null ? List.of() : history.newestFirst();
        Optional<LedgerEntry> payment = entries.stream()
                .filter(entry -> entry.kind() == LedgerKind.UNLOCK && report.causeId().equals(entry.causeId())
                        && ("unlock " + report.listingId()).equals(entry.reason()))
                .findFirst();
        if (payment.isEmpty()) {
            return Optional.empty();
        }
        String cause = "refund:" + payment.get().entryId();
        if (entries.stream().anyMatch(entry -> cause.equals(entry.causeId()))) {
            return Optional.empty();
        }
        Conversation conversation = new Conversation(cause, account.userId(), account, account, false, report.at());
        long paid = -payment.get().delta();
        conversation.credit(paid, LedgerKind.REFUND, "refund: contact of " + report.listingId() + " could not be shown");
        conversation.update(conversation.account().withoutUnlocked(report.listingId()));
        conversation.reply(conversation.texts().unlockRefunded(paid, conversation.account().balance()));
        return Optional.of(conversation.outcome());
    }
}
