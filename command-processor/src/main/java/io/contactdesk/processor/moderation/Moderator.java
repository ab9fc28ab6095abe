package io.contactdesk.processor.moderation;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.commands.Conversation;
import io.contactdesk.processor.commands.Outcome;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a pending listing. All taps on one listing arrive here in order (keyed by listing id), so "first admin wins"
 * is a plain check of the stored decision: later taps are told who decided, and change nothing.
 */
public final class Moderator {

    public Outcome decide(ModerationDecision existing, Optional<Listing> listing, ModerationRequest request) {
        Conversation conversation = new Conversation(request.requestId(), request.chatId(), null, null, false, request.at());
        if (existing != null) {
            conversation.answerCallback(request.callbackQueryId(), "Already " + (existing.approved() ? "approved" : "rejected")
                    + (existing.adminId() == request.adminId() ? " by you." : " by admin " + existing.adminId() + "."));
            conversation.editIn(request.chatId(), request.messageId(), "This listing was already "
                    + (existing.approved() ? "approved" : "rejected") + " by "
                    + (existing.adminId() == request.adminId() ? "you" : "admin " + existing.adminId()) + ".", null);
            return conversation.outcomeWithoutAccount();
        }
        if (listing.isEmpty() || listing.get().status() != ListingStatus.PENDING) {
            conversation.answerCallback(request.callbackQueryId(), "This listing is not waiting for review.");
            return conversation.outcomeWithoutAccount();
        }
        Listing pending = listing.get();
        ListingStatus status = request.approve() ? ListingStatus.ACTIVE : ListingStatus.REJECTED;
        conversation.publish(pending.withStatus(status, request.adminId(), request.at()));
        conversation.audit(request.adminId(), request.approve() ? "approve" : "reject", "listing:" + pending.listingId(),
                Map.of("title", pending.title(), "submitted_by", Long.toString(pending.submittedBy())));
        conversation.answerCallback(request.callbackQueryId(), request.approve() ? "Approved." : "Rejected.");
        conversation.editIn(request.chatId(), request.messageId(), (request.approve() ? "✅ Approved" : "❌ Rejected")
                + " by you: <b>" + escape(pending.title()) + "</b>", null);
        if (pending.submittedBy() > 0) {
            conversation.command(new AccountCommand(conversation.nextCommandId(), pending.submittedBy(),
                    request.approve() ? AccountCommandType.LISTING_APPROVED : AccountCommandType.LISTING_REJECTED,
                    0, pending.listingId(), request.adminId(), 0, pending.title(), request.at()));
        }
        return conversation.outcomeWithoutAccount();
    }
}
