package io.contactdesk.processor.commands;

import static io.contactdesk.contracts.html.Html.escape;
import static io.contactdesk.processor.commands.Keyboards.button;

import io.contactdesk.contracts.events.InlineButton;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.processor.session.SessionTimeouts;
import io.contactdesk.processor.session.SubmissionRules;
import io.contactdesk.processor.session.SubmitSession;
import io.contactdesk.processor.session.SubmitStep;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The guided conversation that turns a user's answers into a listing: title → category → city → description →
 * contact → confirm. Users' listings wait for moderation; an admin's (/addlisting) are published at once.
 */
final class SubmitFlow {

    private final BotRules rules;

    SubmitFlow(BotRules rules) {
        this.rules = rules;
    }

    void start(Conversation conversation, BotState state, IncomingUpdate update, boolean publishAtOnce) {
        String sessionId = update.ref().shortId();
        String listingId = (publishAtOnce ? "a" : "s") + sessionId;
        SubmitSession session = SubmitSession.start(sessionId, listingId, publishAtOnce, conversation.now());
        state.sessions().put(conversation.account().userId(), session);
        conversation.reply((publishAtOnce ? "<b>New listing</b> (published at once)." : "<b>Submit a listing</b>. "
                + "An admin reviews it before it is published.") + " Send /cancel at any time.\n\n"
                + "Step 1/5 — the <b>title</b> (3–80 characters), e.g. <i>Reliable plumber, 24/7</i>:");
    }

    boolean cancel(Conversation conversation, BotState state) {
        long user = conversation.account().userId();
        if (state.sessions().get(user) == null) {
            return false;
        }
        state.sessions().delete(user);
        conversation.reply("Cancelled. Nothing was submitted.");
        return true;
    }

    /** A text answer to the current step; false when the user has no conversation going. */
    boolean answer(Conversation conversation, BotState state, String text) {
        long user = conversation.account().userId();
        SubmitSession session = state.sessions().get(user);
        if (session == null) {
            return false;
        }
        if (session.expiredAt(conversation.now())) {
            state.sessions().delete(user);
            conversation.reply(SessionTimeouts.EXPIRED);
            return true;
        }
        String answer = UserText.clean(text, session.step() == SubmitStep.DESCRIPTION);
        switch (session.step()) {
            case TITLE -> SubmissionRules.title(answer).ifPresentOrElse(conversation::reply, () -> {
                state.sessions().put(user, session.withTitle(answer, conversation.now()));
                askCategory(conversation, session);
            });
            case CATEGORY -> {
                Optional<String> category = rules.categories().find(answer);
                if (category.isEmpty()) {
                    askCategory(conversation, session);
                } else {
                    state.sessions().put(user, session.withCategory(category.get(), conversation.now()));
                    askCity(conversation);
                }
            }
            case CITY -> SubmissionRules.city(answer).ifPresentOrElse(conversation::reply, () -> {
                state.sessions().put(user, session.withCity(answer, conversation.now()));
                conversation.reply("Step 4/5 — a <b>description</b> of what is offered (10–1000 characters):");
            });
            case DESCRIPTION -> SubmissionRules.description(answer).ifPresentOrElse(conversation::reply, () -> {
                state.sessions().put(user, session.withDescription(answer, conversation.now()));
                conversation.reply("Step 5/5 — the <b>contact</b> people unlock: a phone number, an e-mail address "
                        + "or a @handle. It is stored encrypted.");
            });
            case CONTACT -> SubmissionRules.contact(answer).ifPresentOrElse(conversation::reply, () -> {
                // Sealed at once: from here on the contact exists only as ciphertext, in the store and in Kafka.
                String sealed = rules.cipher().encrypt(answer, session.listingId());
                SubmitSession complete = session.withSealedContact(sealed, conversation.now());
                state.sessions().put(user, complete);
                askConfirmation(conversation, complete);
            });
            case CONFIRM -> conversation.reply("Please use the buttons above to submit or cancel, or send /cancel.");
        }
        return true;
    }

    /** A category button or the confirm/cancel buttons of a session. */
    void tapped(Conversation conversation, BotState state, IncomingUpdate update, CallbackAction action) {
        long user = conversation.account().userId();
        SubmitSession session = state.sessions().get(user);
        String sessionId = action instanceof CallbackAction.SubmitCategory c ? c.sessionId()
                : ((CallbackAction.SubmitConfirm) action).sessionId();
        if (session == null || !session.sessionId().equals(sessionId) || session.expiredAt(conversation.now())) {
            conversation.answerCallback(update.callbackQueryId(), "This conversation has ended.");
            return;
        }
        if (action instanceof CallbackAction.SubmitCategory chosen) {
            Optional<String> category = rules.categories().at(chosen.category());
            if (session.step() != SubmitStep.CATEGORY || category.isEmpty()) {
                conversation.answerCallback(update.callbackQueryId(), "That choice is no longer open.");
                return;
            }
            state.sessions().put(user, session.withCategory(category.get(), conversation.now()));
            conversation.answerCallback(update.callbackQueryId(), category.get());
            conversation.edit(update.messageId(), "Step 2/5 — category: <b>" + escape(category.get()) + "</b>", null);
            askCity(conversation);
            return;
        }
        CallbackAction.SubmitConfirm confirm = (CallbackAction.SubmitConfirm) action;
        if (session.step() != SubmitStep.CONFIRM) {
            conversation.answerCallback(update.callbackQueryId(), "That choice is no longer open.");
            return;
        }
        state.sessions().delete(user);
        conversation.answerCallback(update.callbackQueryId(), null);
        if (!confirm.confirmed()) {
            conversation.edit(update.messageId(), "Cancelled. Nothing was submitted.", null);
            return;
        }
        publish(conversation, session, update);
    }

    private void publish(Conversation conversation, SubmitSession session, IncomingUpdate update) {
        long user = conversation.account().userId();
        ListingStatus status = session.publishAtOnce() ? ListingStatus.ACTIVE : ListingStatus.PENDING;
        Listing listing = new Listing(session.listingId(), session.title(), session.category(), session.city(),
                session.description(), session.sealedContact(), status, user, conversation.now(),
                session.publishAtOnce() ? user : null, session.publishAtOnce() ? conversation.now() : null,
                conversation.now());
        conversation.publish(listing);
        if (session.publishAtOnce()) {
            conversation.audit(user, "add_listing", "listing:" + listing.listingId(), java.util.Map.of("title", listing.title()));
            conversation.edit(update.messageId(), "✅ Published: <b>" + escape(listing.title()) + "</b>", null);
            return;
        }
        conversation.edit(update.messageId(), "📨 Submitted: <b>" + escape(listing.title()) + "</b>. An admin will "
                + "review it; you earn " + rules.credits().listingReward() + " credits when it is approved.", null);
        for (long admin : rules.admins().stream().sorted().toList()) {
            conversation.sendToRevealing(admin, moderationCard(listing, conversation),
                    Keyboards.create().row(button("✅ Approve", CallbackAction.moderate(listing.listingId(), true)),
                            button("❌ Reject", CallbackAction.moderate(listing.listingId(), false))).build(),
                    listing.sealedContact(), listing.listingId());
        }
    }

    private static String moderationCard(Listing listing, Conversation conversation) {
        var profile = conversation.account().profile();
        String who = profile.username() != null ? "@" + profile.username() : profile.firstName() != null ? profile.firstName() : "";
        return "<b>New listing to review</b> from " + escape(who) + " (" + profile.userId() + ")\n\n"
                + "<b>" + escape(listing.title()) + "</b>\n" + escape(listing.category()) + " · " + escape(listing.city())
                + "\n\n" + escape(listing.description()) + "\n\nContact: " + OutboxMessage.CONTACT_PLACEHOLDER;
    }

    private void askCategory(Conversation conversation, SubmitSession session) {
        List<InlineButton> buttons = new ArrayList<>();
        List<String> names = rules.categories().names();
        for (int i = 0; i < names.size(); i++) {
            buttons.add(button(names.get(i), CallbackAction.submitCategory(session.sessionId(), i)));
        }
        conversation.reply("Step 2/5 — choose a <b>category</b>:", Keyboards.create().rows(buttons, 2).build());
    }

    private static void askCity(Conversation conversation) {
        conversation.reply("Step 3/5 — the <b>city</b> (2–60 characters):");
    }

    private void askConfirmation(Conversation conversation, SubmitSession session) {
        String summary = "<b>Please check your listing</b>\n\n<b>" + escape(session.title()) + "</b>\n"
                + escape(session.category()) + " · " + escape(session.city()) + "\n\n" + escape(session.description())
                + "\n\nContact: " + OutboxMessage.CONTACT_PLACEHOLDER;
        conversation.replyRevealing(summary,
                Keyboards.create().row(button("✅ Submit", CallbackAction.submitConfirm(session.sessionId(), true)),
                        button("✖ Cancel", CallbackAction.submitConfirm(session.sessionId(), false))).build(),
                session.sealedContact(), session.listingId());
    }
}
