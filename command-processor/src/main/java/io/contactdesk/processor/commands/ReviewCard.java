package io.contactdesk.processor.commands;

import static io.contactdesk.processor.commands.Keyboards.button;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.language.Language;

/**
 * The card on which an admin approves or rejects a submitted listing. The author's task asks for it
 * ({@link #request}); the admin's own task sends it ({@link #send}), because the admin's language lives with their
 * account, on that task.
 */
public final class ReviewCard {

    private ReviewCard() {
    }

    /** On the author's task: one card for {@code admin}, travelling to the admin's task. */
    static AccountCommand request(Conversation conversation, long admin, String authorShownAs, Listing listing) {
        return new AccountCommand(conversation.nextCommandId(), admin, AccountCommandType.REVIEW_REQUESTED, 0,
                authorShownAs, conversation.account().userId(), admin, listing.title(), conversation.now(), null,
                listing);
    }

    /** On the admin's task (or any, for an admin without an account: English): the card and its two buttons. */
    public static void send(Conversation conversation, long adminChat, Language language, AccountCommand request) {
        Replies replies = Replies.in(language);
        Listing listing = request.listing();
        conversation.sendToRevealing(adminChat, replies.moderationCard(request.reason(), request.actorId(), listing),
                Keyboards.create().row(
                        button(replies.text("moderation.button.approve"), CallbackAction.moderate(listing.listingId(), true)),
                        button(replies.text("moderation.button.reject"), CallbackAction.moderate(listing.listingId(), false)))
                        .build(),
                listing.sealedContact(), listing.listingId());
    }
}
