package io.contactdesk.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.accounts.Account;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.language.Texts;
import io.contactdesk.processor.session.SubmitSession;
import io.contactdesk.processor.session.SubmitStep;
import io.contactdesk.processor.updates.IncomingUpdate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The /submit and /addlisting conversation alone: each step's answer, the confirmation, and what it publishes. */
class SubmitFlowTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final long ADA = 42;

    private final SubmitFlow flow = new SubmitFlow(TestRules.rules());
    private final BotState state = TestRules.emptyState();
    private long nextUpdateId = 17;
    private Instant clock = NOW;

    private static IncomingUpdate.Sender sender(long user) {
        return new IncomingUpdate.Sender(user, "ada", "Ada", "en");
    }

    private Conversation conversation(long user) {
        Account account = Account.register(sender(user), TestRules.rules().isAdmin(user), NOW);
        return new Conversation("update:" + nextUpdateId++, user, account, account, false, clock);
    }

    private IncomingUpdate message(long user, String text) {
        return new IncomingUpdate(new UpdateRef(0, nextUpdateId), sender(user), user, 5, text, null, null);
    }

    private IncomingUpdate tap(long user, String data) {
        return new IncomingUpdate(new UpdateRef(0, nextUpdateId), sender(user), user, 5, null, "cb", data);
    }

    private Outcome answer(long user, String text) {
        Conversation conversation = conversation(user);
        assertThat(flow.answer(conversation, state, text)).isTrue();
        return conversation.outcome();
    }

    private Outcome tapped(long user, CallbackAction action) {
        Conversation conversation = conversation(user);
        flow.tapped(conversation, state, tap(user, "unused"), action);
        return conversation.outcome();
    }

    private static String text(Outcome outcome, int reply) {
        return (String) outcome.replies().get(reply).params().get("text");
    }

    /** Walks a draft to its confirmation; returns its session. */
    private SubmitSession drafted(long user, boolean publishAtOnce) {
        flow.start(conversation(user), state, message(user, publishAtOnce ? "/addlisting" : "/submit"), publishAtOnce);
        answer(user, "Reliable plumber");
        answer(user, "plumbing");
        answer(user, "Lisbon");
        answer(user, "Fixes leaks and boilers, 24/7.");
        answer(user, "+351 912 345 678");
        return state.sessions().get(user);
    }

    @Test
    void theAnswersFillTheStepsInOrderAndTheContactIsSealedTheMomentItIsTyped() {
        SubmitSession session = drafted(ADA, false);

        assertThat(session.step()).isEqualTo(SubmitStep.CONFIRM);
        assertThat(session.title()).isEqualTo("Reliable plumber");
        assertThat(session.category()).isEqualTo("Plumbing");
        assertThat(session.city()).isEqualTo("Lisbon");
        assertThat(session.sealedContact()).doesNotContain("912");
        assertThat(TestRules.cipher().decrypt(session.sealedContact(), session.listingId())).isEqualTo("+351 912 345 678");
    }

    @Test
    void theSummaryShowsTheContactOnlyThroughThePlaceholderTheNotifierFills() {
        flow.start(conversation(ADA), state, message(ADA, "/submit"), false);
        answer(ADA, "Reliable plumber");
        answer(ADA, "plumbing");
        answer(ADA, "Lisbon");
        answer(ADA, "Fixes leaks and boilers, 24/7.");

        Outcome summary = answer(ADA, "+351 912 345 678");

        OutboxMessage shown = summary.replies().get(0);
        assertThat((String) shown.params().get("text")).contains("Contact: " + OutboxMessage.CONTACT_PLACEHOLDER)
                .doesNotContain("912");
        assertThat(shown.params()).containsKey(OutboxMessage.SEALED_CONTACT);
    }

    @Test
    void anAnswerThatBreaksAStepsRuleIsRefusedAndTheStepStays() {
        flow.start(conversation(ADA), state, message(ADA, "/submit"), false);

        Outcome refused = answer(ADA, "ab");

        assertThat(text(refused, 0)).isEqualTo("The title needs at least 3 characters.");
        assertThat(state.sessions().get(ADA).step()).isEqualTo(SubmitStep.TITLE);
    }

    @Test
    void aConfirmedUserDraftWaitsForModerationAndEveryAdminsTaskIsAskedForItsCard() {
        SubmitSession session = drafted(ADA, false);

        Outcome confirmed = tapped(ADA, new CallbackAction.SubmitConfirm(session.sessionId(), true));

        assertThat(confirmed.listings()).singleElement()
                .satisfies(listing -> assertThat(listing.status()).isEqualTo(ListingStatus.PENDING));
        assertThat(confirmed.accountCommands())
                .allSatisfy(command -> {
                    assertThat(command.type()).isEqualTo(AccountCommandType.REVIEW_REQUESTED);
                    assertThat(command.listing()).isEqualTo(confirmed.listings().get(0));
                    assertThat(command.actorId()).isEqualTo(ADA);
                })
                .extracting(AccountCommand::targetUserId).containsExactly(TestRules.ADMIN, TestRules.OTHER_ADMIN);
        assertThat(confirmed.replies()).extracting(OutboxMessage::chatId).containsOnly(ADA);
        assertThat(confirmed.audit()).isEmpty();
        assertThat(state.sessions().get(ADA)).isNull();
    }

    @Test
    void anAdminsListingIsPublishedAtOnceAndAudited() {
        SubmitSession session = drafted(TestRules.ADMIN, true);

        Outcome confirmed = tapped(TestRules.ADMIN, new CallbackAction.SubmitConfirm(session.sessionId(), true));

        assertThat(confirmed.listings()).singleElement()
                .satisfies(listing -> assertThat(listing.status()).isEqualTo(ListingStatus.ACTIVE));
        assertThat(confirmed.audit()).singleElement()
                .satisfies(event -> assertThat(event.action()).isEqualTo("add_listing"));
    }

    @Test
    void aButtonOfAnotherDraftEndsNothing() {
        SubmitSession session = drafted(ADA, false);

        Outcome stale = tapped(ADA, new CallbackAction.SubmitConfirm("another-session", true));

        assertThat(stale.listings()).isEmpty();
        assertThat(stale.replies()).singleElement()
                .satisfies(reply -> assertThat(reply.params()).containsEntry("text", "This conversation has ended."));
        assertThat(state.sessions().get(ADA)).isEqualTo(session);
    }

    @Test
    void anAnswerAfterFifteenIdleMinutesEndsTheDraft() {
        flow.start(conversation(ADA), state, message(ADA, "/submit"), false);
        clock = clock.plus(SubmitSession.IDLE_TIMEOUT);

        Outcome late = answer(ADA, "Reliable plumber");

        assertThat(text(late, 0)).isEqualTo(Texts.in(Language.EN).get("submit.expired"));
        assertThat(state.sessions().get(ADA)).isNull();
    }

    @Test
    void withoutADraftATextIsNoAnswer() {
        assertThat(flow.answer(conversation(ADA), state, "hello")).isFalse();
    }
}
