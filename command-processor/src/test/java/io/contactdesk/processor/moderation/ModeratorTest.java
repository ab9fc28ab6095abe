package io.contactdesk.processor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.commands.Outcome;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The moderation rules without Kafka: what a decision on a listing publishes, and what a late one is told. */
class ModeratorTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Listing PENDING = new Listing("s1", "<b>Plumber</b>", "Plumbing", "Lisbon", "Fixes leaks",
            "v1:sealed", ListingStatus.PENDING, 42, NOW.minusSeconds(60), null, null, NOW.minusSeconds(60));

    private final Moderator moderator = new Moderator();

    private static ModerationRequest tap(boolean approve, long admin) {
        return new ModerationRequest("update:9/moderation:0", "s1", approve, admin, admin, 77, "cb-9", NOW, "en");
    }

    private static String text(Outcome outcome, int reply) {
        return (String) outcome.replies().get(reply).params().get("text");
    }

    @Test
    void aRejectionPublishesTheListingRejectedAndTellsTheSubmitterWithoutPayingThem() {
        Outcome outcome = moderator.decide(null, Optional.of(PENDING), tap(false, 900));

        assertThat(outcome.listings()).singleElement().satisfies(listing -> {
            assertThat(listing.status()).isEqualTo(ListingStatus.REJECTED);
            assertThat(listing.decidedAt()).isEqualTo(NOW);
        });
        assertThat(outcome.accountCommands()).singleElement()
                .satisfies(command -> assertThat(command.type()).isEqualTo(AccountCommandType.LISTING_REJECTED));
        assertThat(outcome.ledger()).isEmpty();
        assertThat(outcome.audit()).singleElement().satisfies(event -> assertThat(event.action()).isEqualTo("reject"));
    }

    @Test
    void theAdminSeesTheTitleEscaped() {
        Outcome outcome = moderator.decide(null, Optional.of(PENDING), tap(true, 900));

        assertThat(outcome.replies()).extracting(OutboxMessage::method)
                .containsExactly(OutboxMessage.ANSWER_CALLBACK_QUERY, OutboxMessage.EDIT_MESSAGE_TEXT);
        assertThat(text(outcome, 1)).isEqualTo("✅ Approved by you: <b>&lt;b&gt;Plumber&lt;/b&gt;</b>");
    }

    @Test
    void anAdminWhoDecidedAlreadyIsToldItWasThem() {
        ModerationDecision mine = new ModerationDecision("s1", false, 900, NOW.minusSeconds(5));

        Outcome outcome = moderator.decide(mine, Optional.of(PENDING), tap(true, 900));

        assertThat(text(outcome, 1)).isEqualTo("This listing was already rejected by you.");
        assertThat(outcome.listings()).isEmpty();
        assertThat(outcome.accountCommands()).isEmpty();
    }

    @Test
    void aListingImportedWithoutASubmitterIsDecidedWithoutTellingAnyone() {
        Listing imported = new Listing("s1", "Plumber", "Plumbing", "Lisbon", "Fixes leaks", "v1:sealed",
                ListingStatus.PENDING, 0, NOW, null, null, NOW);

        Outcome outcome = moderator.decide(null, Optional.of(imported), tap(true, 900));

        assertThat(outcome.listings()).singleElement()
                .satisfies(listing -> assertThat(listing.status()).isEqualTo(ListingStatus.ACTIVE));
        assertThat(outcome.accountCommands()).isEmpty();
    }

    @Test
    void aListingAlreadyActiveIsNotWaitingForReview() {
        Outcome outcome = moderator.decide(null, Optional.of(PENDING.withStatus(ListingStatus.ACTIVE, 901L, NOW)),
                tap(true, 900));

        assertThat(outcome.replies()).singleElement()
                .satisfies(reply -> assertThat(reply.params()).containsEntry("text", "This listing is not waiting for review."));
        assertThat(outcome.listings()).isEmpty();
    }
}
