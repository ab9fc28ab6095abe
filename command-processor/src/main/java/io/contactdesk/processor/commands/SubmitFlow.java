package io.contactdesk.processor.commands;

import static io.contactdesk.processor.commands.Keyboards.button;

import io.contactdesk.contracts.directory.ListingFields;
import io.contactdesk.contracts.events.InlineButton;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.processor.language.Texts;
import io.contactdesk.processor.session.SubmissionRules;
import io.contactdesk.processor.session.SubmitSession;
import io.contactdesk.processor.session.SubmitStep;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        conversation.reply(conversation.texts().submitIntro(publishAtOnce, ListingFields.TITLE_MIN,
                ListingFields.TITLE_MAX));
    }

    boolean cancel(Conversation conversation, BotState state) {
        long user = conversation.account().userId();
        if (state.sessions().get(user) == null) {
            return false;
        }
        state.sessions().delete(user);
        conversation.reply(conversation.texts().text("submit.cancelled"));
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
            conversation.reply(conversation.texts().text("submit.expired"));
            return true;
        }
        String answer = UserText.clean(text, session.step() == SubmitStep.DESCRIPTION);
        Texts texts = Texts.in(conversation.language());
        switch (session.step()) {
            case TITLE -> SubmissionRules.title(answer, texts).ifPresentOrElse(conversation::reply, () -> {
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
            case CITY -> SubmissionRules.city(answer, texts).ifPresentOrElse(conversation::reply, () -> {
                state.sessions().put(user, session.withCity(answer, conversation.now()));
                conversation.reply(conversation.texts().submitStep("submit.step.description",
                        ListingFields.DESCRIPTION_MIN, ListingFields.DESCRIPTION_MAX));
            });
            case DESCRIPTION -> SubmissionRules.description(answer, texts).ifPresentOrElse(conversation::reply, () -> {
                state.sessions().put(user, session.withDescription(answer, conversation.now()));
                conversation.reply(conversation.texts().text("submit.step.contact"));
            });
            case CONTACT -> SubmissionRules.contact(answer, texts).ifPresentOrElse(conversation::reply, () -> {
                // Sealed at once: from here on the contact exists only as ciphertext, in the store and in Kafka.
                String sealed = rules.cipher().encrypt(answer, session.listingId());
                SubmitSession complete = session.withSealedContact(sealed, conversation.now());
                state.sessions().put(user, complete);
                askConfirmation(conversation, complete);
            });
            case CONFIRM -> conversation.reply(conversation.texts().text("submit.use.buttons"));
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
            conversation.answerCallback(update.callbackQueryId(), conversation.texts().text("submit.ended"));
            return;
        }
        if (action instanceof CallbackAction.SubmitCategory chosen) {
            Optional<String> category = rules.categories().at(chosen.category());
            if (session.step() != SubmitStep.CATEGORY || category.isEmpty()) {
                conversation.answerCallback(update.callbackQueryId(), conversation.texts().text("submit.choice.closed"));
                return;
            }
            state.sessions().put(user, session.withCategory(category.get(), conversation.now()));
            conversation.answerCallback(update.callbackQueryId(), category.get());
            conversation.edit(update.messageId(), conversation.texts().submitCategoryChosen(category.get()), null);
            askCity(conversation);
            return;
        }
        CallbackAction.SubmitConfirm confirm = (CallbackAction.SubmitConfirm) action;
        if (session.step() != SubmitStep.CONFIRM) {
            conversation.answerCallback(update.callbackQueryId(), conversation.texts().text("submit.choice.closed"));
            return;
        }
        state.sessions().delete(user);
        conversation.answerCallback(update.callbackQueryId(), null);
        if (!confirm.confirmed()) {
            conversation.edit(update.messageId(), conversation.texts().text("submit.cancelled"), null);
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
            conversation.audit(user, "add_listing", "listing:" + listing.listingId(), Map.of("title", listing.title()));
            conversation.edit(update.messageId(), conversation.texts().submitPublished(listing.title()), null);
            return;
        }
        conversation.edit(update.messageId(), conversation.texts().submitSubmitted(listing.title(),
                rules.credits().listingReward()), null);
        // Admins' accounts (and languages) live on their own tasks: each admin's task sends the card, in their language.
        var profile = conversation.account().profile();
        String who = profile.username() != null ? "@" + profile.username()
                : profile.firstName() != null ? profile.firstName() : "";
        for (long admin : rules.admins().stream().sorted().toList()) {
            conversation.command(ReviewCard.request(conversation, admin, who, listing));
        }
    }

    private void askCategory(Conversation conversation, SubmitSession session) {
        List<InlineButton> buttons = new ArrayList<>();
        List<String> names = rules.categories().names();
        for (int i = 0; i < names.size(); i++) {
            buttons.add(button(names.get(i), CallbackAction.submitCategory(session.sessionId(), i)));
        }
        conversation.reply(conversation.texts().text("submit.step.category"), Keyboards.create().rows(buttons, 2).build());
    }

    private static void askCity(Conversation conversation) {
        conversation.reply(conversation.texts().submitStep("submit.step.city", ListingFields.CITY_MIN,
                ListingFields.CITY_MAX));
    }

    private void askConfirmation(Conversation conversation, SubmitSession session) {
        Replies replies = conversation.texts();
        String summary = replies.submitCheck(session.title(), session.category(), session.city(), session.description());
        conversation.replyRevealing(summary,
                Keyboards.create().row(
                        button(replies.text("submit.button.submit"), CallbackAction.submitConfirm(session.sessionId(), true)),
                        button(replies.text("submit.button.cancel"), CallbackAction.submitConfirm(session.sessionId(), false)))
                        .build(),
                session.sealedContact(), session.listingId());
    }
}
