package io.contactdesk.processor.topology;

import static io.contactdesk.processor.TelegramUpdates.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.streams.InMemoryStateDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invitations through the whole topology: the newcomer's task, the referrer's, and back (docs/architecture.md). */
class ReferralTopologyTest {

    @TempDir(factory = InMemoryStateDirectory.class)
    Path stateDir;

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final long ADA = 42;
    private static final long BOB = 43;
    private static final long CARL = 44;

    private DriverUnderTest topology;
    private TestOutputTopic<String, OutboxMessage> outbox;
    private TestOutputTopic<String, LedgerEntry> ledger;
    private long nextUpdateId = 1;
    private Instant clock = T0;

    @BeforeEach
    void startTopology() {
        topology = new DriverUnderTest("referral-topology-test", stateDir, T0);
        outbox = topology.output(Topics.OUTBOX);
        ledger = topology.output(Topics.LEDGER);
    }

    @AfterEach
    void stopTopology() {
        topology.close();
    }

    private List<OutboxMessage> say(long user, String text) {
        return sayAs(nextUpdateId++, user, text);
    }

    private List<OutboxMessage> sayAs(long updateId, long user, String text) {
        clock = clock.plus(Duration.ofSeconds(7));
        topology.updates().pipeInput(Long.toString(user), message(updateId, user, text), clock);
        return outbox.readValuesToList();
    }

    private static String text(OutboxMessage message) {
        return (String) message.params().get("text");
    }

    private List<LedgerEntry> referralEntries() {
        return ledger.readValuesToList().stream().filter(e -> e.kind() == LedgerKind.REFERRAL).toList();
    }

    private String startParameterOf(long user) {
        List<OutboxMessage> invite = say(user, "/invite");
        String link = TestRules.rules().referrals().link(user);
        assertThat(text(invite.get(0))).contains(link);
        return link.substring(link.indexOf("?start=") + "?start=".length());
    }

    @Test
    void aNewUserStartingWithAReferralLinkCreditsBothOnce() {
        say(ADA, "/start");
        String parameter = startParameterOf(ADA);
        ledger.readValuesToList();

        List<OutboxMessage> messages = say(BOB, "/start " + parameter);

        assertThat(referralEntries()).extracting(LedgerEntry::userId, LedgerEntry::delta)
                .containsExactlyInAnyOrder(Tuple.tuple(ADA, 1L),
                        Tuple.tuple(BOB, 1L));
        assertThat(messages).filteredOn(m -> m.chatId() == ADA).extracting(ReferralTopologyTest::text)
                .singleElement().asString().contains("Someone joined with your invitation", "Balance: <b>4 credits");
        assertThat(messages).filteredOn(m -> m.chatId() == BOB).extracting(ReferralTopologyTest::text)
                .anySatisfy(t -> assertThat(t).contains("You joined with an invitation", "Balance: <b>4 credits"));
        assertThat(text(say(ADA, "/invite").get(0))).contains("Joined with your link so far: <b>1</b>");
    }

    @Test
    void theSameStartRedeliveredCreditsNothingMore() {
        say(ADA, "/start");
        String parameter = startParameterOf(ADA);
        ledger.readValuesToList();
        long updateId = nextUpdateId++;
        sayAs(updateId, BOB, "/start " + parameter);
        assertThat(referralEntries()).hasSize(2);

        sayAs(updateId, BOB, "/start " + parameter);
        say(BOB, "/start " + parameter);

        assertThat(referralEntries()).isEmpty();
        assertThat(text(say(ADA, "/invite").get(0))).contains("Joined with your link so far: <b>1</b>");
    }

    @Test
    void aSelfReferralCreditsNothing() {
        String parameter = TestRules.rules().referrals().startParameter(BOB);

        say(BOB, "/start " + parameter);

        assertThat(referralEntries()).isEmpty();
    }

    @Test
    void anExistingUserStartingWithALinkCreditsNothing() {
        say(ADA, "/start");
        String parameter = startParameterOf(ADA);
        say(BOB, "/help");
        ledger.readValuesToList();

        say(BOB, "/start " + parameter);

        assertThat(referralEntries()).isEmpty();
    }

    @Test
    void aBannedReferrersLinkCreditsNeitherOfTheTwo() {
        say(ADA, "/start");
        String parameter = startParameterOf(ADA);
        say(TestRules.ADMIN, "/ban " + ADA);
        ledger.readValuesToList();

        say(BOB, "/start " + parameter);

        assertThat(referralEntries()).isEmpty();
    }

    @Test
    void aMadeUpCodeIsAnOrdinaryStart() {
        List<OutboxMessage> messages = say(CARL, "/start ref_AAAAAAAAAAAAAAAAAAAAAA");

        assertThat(referralEntries()).isEmpty();
        assertThat(text(messages.get(0))).startsWith("Welcome");
    }

    @Test
    void statsCountReferrals() {
        say(ADA, "/start");
        say(BOB, "/start " + startParameterOf(ADA));

        String stats = text(say(TestRules.ADMIN, "/stats").get(0));

        assertThat(stats).contains("Referrals: <b>1</b>");
    }
}
