package io.contactdesk.processor.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.processor.TelegramUpdates;
import io.contactdesk.processor.credits.CreditRules;
import io.contactdesk.processor.updates.IncomingUpdate;
import io.contactdesk.processor.updates.UpdateParser;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandRouterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final CommandRouter router = new CommandRouter(new CreditRules(3, 1), Set.of(99L));
    private final UpdateParser parser = new UpdateParser();

    private IncomingUpdate update(long id, long user, String text) {
        return parser.parse(TelegramUpdates.message(id, user, text));
    }

    @Test
    void aFirstContactOtherThanStartRegistersTheUserWithoutTheBonus() {
        Outcome outcome = router.handle(null, update(1, 42, "/balance"), NOW);

        assertThat(outcome.profile()).isNotNull();
        assertThat(outcome.ledger()).isEmpty();
        assertThat(outcome.account().signupBonusGranted()).isFalse();
        assertThat((String) outcome.replies().get(0).params().get("text")).contains("0 credits");
    }

    @Test
    void startAfterAnotherFirstCommandStillGrantsTheBonusOnce() {
        Outcome first = router.handle(null, update(1, 42, "/balance"), NOW);
        Outcome start = router.handle(first.account(), update(2, 42, "/start"), NOW);

        assertThat(start.ledger()).singleElement().satisfies(entry -> assertThat(entry.delta()).isEqualTo(3));
        assertThat(start.account().balance()).isEqualTo(3);
        assertThat(start.profile()).isNull();
    }

    @Test
    void adminsAreMarkedInTheirProfile() {
        assertThat(router.handle(null, update(1, 99, "/start"), NOW).profile().admin()).isTrue();
        assertThat(router.handle(null, update(2, 42, "/start"), NOW).profile().admin()).isFalse();
    }

    @Test
    void aUsersNameIsEscapedInTheWelcome() {
        String json = TelegramUpdates.message(1, 42, "/start").replace("\"first_name\":\"Ada\"", "\"first_name\":\"<b>Eve</b>\"");

        Outcome outcome = router.handle(null, parser.parse(json), NOW);

        assertThat((String) outcome.replies().get(0).params().get("text")).contains("&lt;b&gt;Eve&lt;/b&gt;");
    }

    @Test
    void aTappedButtonIsAlwaysAnswered() {
        Outcome outcome = router.handle(null, parser.parse(TelegramUpdates.callback(3, 42, 5, "junk")), NOW);

        assertThat(outcome.replies()).singleElement()
                .satisfies(reply -> assertThat(reply.method()).isEqualTo("answerCallbackQuery"));
    }
}
