package io.contactdesk.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.commands.BotCommandList;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.processor.TelegramUpdates;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.language.Language;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.UpdateParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRouterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final CommandRouter router = new CommandRouter(TestRules.rules());
    private final UpdateParser parser = new UpdateParser(new SealedUpdates(TestRules.cipher()));
    private final BotState state = TestRules.emptyState();

    private IncomingUpdate update(long id, long user, String text) {
        return (IncomingUpdate) parser.parse(TelegramUpdates.sealed(TelegramUpdates.message(id, user, text)));
    }

    private static String text(Outcome outcome, int reply) {
        return (String) outcome.replies().get(reply).params().get("text");
    }

    @Test
    void everyCommandInTelegramsMenuIsOneTheBotAnswers() {
        String unknown = Replies.in(Language.EN).unknown();
        long id = 100;
        for (BotCommandList.MenuEntry entry : BotCommandList.admin()) {
            Outcome outcome = router.handle(state, null, update(id++, TestRules.ADMIN, "/" + entry.command()), NOW);

            assertThat(outcome.replies()).as("/%s", entry.command())
                    .noneSatisfy(reply -> assertThat(reply.params().get("text")).isEqualTo(unknown));
            assertThat(outcome.replies().size() + outcome.reportRequests().size()).as("/%s answered", entry.command())
                    .isPositive();
        }
    }

    @Test
    void healthAndLagAreForwardedToTheOpsConsoleAndNotAnsweredHere() {
        Outcome health = router.handle(state, null, update(7, TestRules.ADMIN, "/health"), NOW);
        Outcome lag = router.handle(state, health.account(), update(8, TestRules.ADMIN, "/lag"), NOW);

        assertThat(health.replies()).isEmpty();
        assertThat(health.reportRequests()).containsExactly(new OpsReportRequested("update:7/report:0", TestRules.ADMIN,
                TestRules.ADMIN, OpsReportRequested.Report.HEALTH, "update:7", NOW));
        assertThat(lag.replies()).isEmpty();
        assertThat(lag.reportRequests()).singleElement()
                .satisfies(request -> assertThat(request.report()).isEqualTo(OpsReportRequested.Report.LAG));
    }

    @Test
    void healthAndLagFromAUserAnswerLikeAnUnknownCommandAndForwardNothing() {
        Outcome outcome = router.handle(state, null, update(7, 42, "/lag"), NOW);

        assertThat(text(outcome, 0)).isEqualTo(Replies.in(Language.EN).unknown());
        assertThat(outcome.reportRequests()).isEmpty();
    }

    @Test
    void privacySaysWhatIsKeptForHowLongAndHowToAskForDeletion() {
        Outcome outcome = router.handle(state, null, update(1, 42, "/privacy"), NOW);

        String text = text(outcome, 0);
        assertThat(text).contains("<b>Your profile</b>", "<b>Your credits</b>", "<b>Your unlocks</b>",
                "<b>Listings you submit</b>", "<b>Your messages</b>", "<b>Deletion</b>");
        assertThat(text).contains("Kept until you delete it with /forgetme", "gone after 7 days",
                "dropped after 15 minutes", "Kept for as long as the bot runs", "send /forgetme",
                "after 10 years", "ask an admin");
        assertThat(text).hasSizeLessThanOrEqualTo(4096).doesNotContain("<i>").doesNotContain("\\");
        assertThat(outcome.ledger()).isEmpty();
    }

    @Test
    void aFirstContactOtherThanStartRegistersTheUserWithoutTheBonus() {
        Outcome outcome = router.handle(state, null, update(1, 42, "/balance"), NOW);

        assertThat(outcome.registered()).isTrue();
        assertThat(outcome.profile()).isNotNull();
        assertThat(outcome.ledger()).isEmpty();
        assertThat(text(outcome, 0)).contains("0 credits");
    }

    @Test
    void startAfterAnotherFirstCommandStillGrantsTheBonusOnce() {
        Outcome first = router.handle(state, null, update(1, 42, "/balance"), NOW);
        Outcome start = router.handle(state, first.account(), update(2, 42, "/start"), NOW);
        Outcome again = router.handle(state, start.account(), update(3, 42, "/start"), NOW);

        assertThat(start.ledger()).singleElement().satisfies(entry -> assertThat(entry.delta()).isEqualTo(3));
        assertThat(again.ledger()).isEmpty();
        assertThat(again.account().balance()).isEqualTo(3);
    }

    @Test
    void adminsAreMarkedInTheirProfileAndSeeAdminHelp() {
        Outcome admin = router.handle(state, null, update(1, TestRules.ADMIN, "/help"), NOW);
        Outcome user = router.handle(state, null, update(2, 42, "/help"), NOW);

        assertThat(admin.profile().admin()).isTrue();
        assertThat(text(admin, 0)).contains("/grant");
        assertThat(user.profile().admin()).isFalse();
        assertThat(text(user, 0)).doesNotContain("/grant");
    }

    @Test
    void adminCommandsFromAUserAnswerExactlyLikeAnUnknownCommand() {
        Outcome grant = router.handle(state, null, update(1, 42, "/grant 42 100"), NOW);
        Outcome unknown = router.handle(state, null, update(2, 43, "/frobnicate"), NOW);

        assertThat(text(grant, 0)).isEqualTo(text(unknown, 0));
        assertThat(grant.accountCommands()).isEmpty();
    }

    @Test
    void aUsersNameIsEscapedInTheWelcome() {
        String json = TelegramUpdates.message(1, 42, "/start").replace("\"first_name\":\"Ada\"", "\"first_name\":\"<b>Eve</b>\"");

        Outcome outcome = router.handle(state, null, (IncomingUpdate) parser.parse(TelegramUpdates.sealed(json)), NOW);

        assertThat(text(outcome, 0)).contains("&lt;b&gt;Eve&lt;/b&gt;");
    }

    @Test
    void forgedCallbackDataIsAnsweredHarmlessly() {
        for (String junk : List.of("junk", "u:", "c:99:1", "v:../../etc", "sy:other-session", "ma:x")) {
            Outcome outcome = router.handle(state, null, (IncomingUpdate) parser.parse(TelegramUpdates.sealed(TelegramUpdates.callback(3, 42, 5, junk))), NOW);

            assertThat(outcome.replies()).singleElement()
                    .satisfies(reply -> assertThat(reply.method()).isEqualTo("answerCallbackQuery"));
            assertThat(outcome.ledger()).isEmpty();
            assertThat(outcome.moderation()).isEmpty();
        }
    }
}
