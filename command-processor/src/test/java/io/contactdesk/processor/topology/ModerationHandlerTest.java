package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.json.JsonSerde;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.moderation.ModerationDecision;
import io.contactdesk.processor.moderation.ModerationRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code decide-moderation} alone, fed records through a mock context as Kafka's {@code WordCountProcessorTest} does:
 * the first decision on a listing wins, later ones are told who decided.
 */
class ModerationHandlerTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private static final long SUBMITTER = 42;
    private static final long ADMIN = 900;
    private static final long OTHER_ADMIN = 901;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MockTask task = new MockTask(0);
    private final MockProcessorContext<String, Object> context = task.context;
    private final ModerationHandler handler = new ModerationHandler(new LedgerMetrics(meters), meters);
    private KeyValueStore<String, ModerationDecision> decisions;
    private KeyValueStore<String, Listing> directory;

    @BeforeEach
    void init() {
        decisions = task.store(CommandTopology.DECISIONS_STORE, Serdes.String(),
                JsonSerde.of(ModerationDecision.class));
        directory = task.store(CommandTopology.DIRECTORY_STORE, Serdes.String(), JsonSerde.of(Listing.class));
        directory.put("s1", new Listing("s1", "Reliable plumber", "Plumbing", "Lisbon", "Fixes leaks, 24/7",
                "v1:sealed", ListingStatus.PENDING, SUBMITTER, T0, null, null, T0));
        handler.init(context);
    }

    private void tap(String requestId, long admin, boolean approve, Instant at) {
        handler.process(new Record<>("s1", new ModerationRequest(requestId, "s1", approve, admin, admin, 77,
                "cb-" + requestId, at, "en"), at.toEpochMilli()));
    }

    private static String text(Object message) {
        return (String) ((OutboxMessage) message).params().get("text");
    }

    @Test
    void theFirstDecisionPublishesTheListingAuditsItAndTellsTheSubmittersTask() {
        tap("r1", ADMIN, true, T0.plusSeconds(5));

        assertThat(task.forwardedTo(CommandTopology.LISTINGS_SINK)).singleElement().satisfies(listing -> {
            assertThat(((Listing) listing).status()).isEqualTo(ListingStatus.ACTIVE);
            assertThat(((Listing) listing).decidedBy()).isEqualTo(ADMIN);
        });
        assertThat(task.forwardedTo(CommandTopology.AUDIT_SINK)).singleElement()
                .satisfies(event -> assertThat(((AuditEvent) event).action()).isEqualTo("approve"));
        assertThat(task.forwardedTo(CommandTopology.ACCOUNT_COMMANDS_SINK)).singleElement().satisfies(command -> {
            assertThat(((AccountCommand) command).type()).isEqualTo(AccountCommandType.LISTING_APPROVED);
            assertThat(((AccountCommand) command).targetUserId()).isEqualTo(SUBMITTER);
        });
        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK))
                .extracting(message -> ((OutboxMessage) message).method())
                .containsExactly(OutboxMessage.ANSWER_CALLBACK_QUERY, OutboxMessage.EDIT_MESSAGE_TEXT);
        assertThat(decisions.get("s1")).isEqualTo(new ModerationDecision("s1", true, ADMIN, T0.plusSeconds(5)));
    }

    @Test
    void aLaterDecisionIsToldWhoDecidedAndChangesNothing() {
        tap("r1", ADMIN, true, T0.plusSeconds(5));
        context.resetForwards();

        tap("r2", OTHER_ADMIN, false, T0.plusSeconds(6));

        assertThat(context.forwarded()).extracting(forward -> forward.childName().orElseThrow())
                .containsOnly(CommandTopology.OUTBOX_SINK);
        assertThat(text(task.forwardedTo(CommandTopology.OUTBOX_SINK).get(1)))
                .isEqualTo("This listing was already approved by admin 900.");
        assertThat(decisions.get("s1").approved()).isTrue();
    }

    @Test
    void aTapOnAListingNotWaitingForReviewIsAnsweredAndDecidesNothing() {
        handler.process(new Record<>("gone", new ModerationRequest("r1", "gone", true, ADMIN, ADMIN, 77, "cb-r1",
                T0, "en"), T0.toEpochMilli()));

        assertThat(task.forwardedTo(CommandTopology.OUTBOX_SINK)).singleElement()
                .satisfies(answer -> assertThat(((OutboxMessage) answer).params())
                        .containsEntry("text", "This listing is not waiting for review."));
        assertThat(context.forwarded()).hasSize(1);
        assertThat(decisions.get("gone")).isNull();
    }
}
