package io.contactdesk.processor.moderation;

import static io.contactdesk.contracts.html.Html.escape;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.commands.Conversation;
import io.contactdesk.processor.commands.Outcome;
import io.contactdesk.processor.language.Texts;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a pending listing. All taps on one listing arrive here in order (keyed by listing id), so "first admin wins"
 * is a plain check of the stored decision: later taps are told who decided, and change nothing.
 */
public final class Moderator {

    public Outcome decide(ModerationDecision existing, Optional<Listing> listing, ModerationRequest request) {
        Conversation conversation = new Conversation(request.requestId(), request.chatId(), null, null, false, request.at());
        Texts texts = Texts.in(request.answerIn());
        if (existing != null) {
            String by = existing.adminId() == request.adminId() ? texts.get("moderation.by.you")
                    : texts.get("moderation.by.admin", existing.adminId());
            conversation.answerCallback(request.callbackQueryId(),
                    texts.get(existing.approved() ? "moderation.already.approved" : "moderation.already.rejected", by));
            conversation.editIn(request.chatId(), request.messageId(),
                    texts.get(existing.approved() ? "moderation.was.approved" : "moderation.was.rejected", by), null);
            return conversation.outcomeWithoutAccount();
        }
        if (listing.isEmpty() || listing.get().status() != ListingStatus.PENDING) {
            conversation.answerCallback(request.callbackQueryId(), texts.get("moderation.not.waiting"));
            return conversation.outcomeWithoutAccount();
        }
        Listing pending = listing.get();
        ListingStatus status = request.approve() ? ListingStatus.ACTIVE : ListingStatus.REJECTED;
        conversation.publish(pending.withStatus(status, request.adminId(), request.at()));
        conversation.audit(request.adminId(), request.approve() ? "approve" : "reject", "listing:" + pending.listingId(),
                Map.of("title", pending.title(), "submitted_by", Long.toString(pending.submittedBy())));
        conversation.answerCallback(request.callbackQueryId(),
                texts.get(request.approve() ? "moderation.approved" : "moderation.rejected"));
        conversation.editIn(request.chatId(), request.messageId(),
                texts.get(request.approve() ? "moderation.approved.card" : "moderation.rejected.card",
                        escape(pending.title())), null);
        if (pending.submittedBy() > 0) {
            conversation.command(new AccountCommand(conversation.nextCommandId(), pending.submittedBy(),
                    request.approve() ? AccountCommandType.LISTING_APPROVED : AccountCommandType.LISTING_REJECTED,
                    0, pending.listingId(), request.adminId(), 0, pending.title(), request.at(), null, null));
        }
        return conversation.outcomeWithoutAccount();
    }
}
