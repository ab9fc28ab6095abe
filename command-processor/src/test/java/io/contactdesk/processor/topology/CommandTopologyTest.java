package io.contactdesk.processor.topology;

import static io.contactdesk.processor.TelegramUpdates.botAddedToGroup;
import static io.contactdesk.processor.TelegramUpdates.callback;
import static io.contactdesk.processor.TelegramUpdates.groupMessage;
import static io.contactdesk.processor.TelegramUpdates.message;
import static io.contactdesk.processor.TelegramUpdates.myChatMember;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.BroadcastShard;
import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.events.OpsReportRequested;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.SealedInput;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.admin.AccountCommandType;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.streams.InMemoryStateDirectory;
import io.contactdesk.processor.streams.TopologyDrivers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final long ADA = 42;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry() {
        @Override
        protected Counter newCounter(Meter.Id id) {
            Counter counter = super.newCounter(id);
            return !"handled".equals(id.getTag("outcome")) ? counter : new Counter() {
                @Override
                public void increment(double amount) {
                    if (countingBroken) {
                        throw new IllegalStateException("cannot count a handled update");
                    }
                    counter.increment(amount);
                }

                @Override
                public double count() {
                    return counter.count();
                }

                @Override
                public Meter.Id getId() {
                    return counter.getId();
                }
            };
        }
    };

    @TempDir(factory = InMemoryStateDirectory.class)
    Path stateDir;
    /** Counting a handled update fails (a bug in the handler) while this is set, until a test "deploys the fix". */
    private boolean countingBroken;
    private TopologyTestDriver driver;
    private SealedInput updates;
    private TestInputTopic<String, Listing> listingsIn;
    private TestOutputTopic<String, OutboxMessage> outbox;
    private TestOutputTopic<String, LedgerEntry> ledger;
    private TestOutputTopic<String, UserProfile> users;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private TestOutputTopic<String, ContactUnlocked> unlocks;
    private TestOutputTopic<String, AuditEvent> audit;
    private long nextUpdateId = 1;
    private Instant clock = T0;
    /** Time between a user's actions: slow enough to stay within the rate limit, unless a test types faster. */
    private Duration pace = Duration.ofSeconds(7);

    @BeforeEach
    void startTopology() {
        driver = TopologyDrivers.start(new CommandTopology(new CommandRouter(TestRules.rules()), meters, 1).build(),
                "command-topology-test", stateDir, T0);
        updates = new SealedInput(driver.createInputTopic(Topics.UPDATES.name(), new StringSerializer(), new StringSerializer()));
        listingsIn = driver.createInputTopic(Topics.LISTINGS.name(), new StringSerializer(), Topics.LISTINGS.valueSerde().serializer());
        outbox = output(Topics.OUTBOX);
        ledger = output(Topics.LEDGER);
        users = output(Topics.USERS);
        deadLetters = output(Topics.UPDATES_DLQ);
        unlocks = output(Topics.UNLOCKS);
        audit = output(Topics.AUDIT);
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    // --- driving the bot as users do -------------------------------------------------------------------------

    private List<OutboxMessage> say(long user, String text) {
        clock = clock.plus(pace);
        updates.pipeInput(Long.toString(user), message(nextUpdateId++, user, text), clock);
        return outbox.readValuesToList();
    }

    private List<OutboxMessage> tap(long user, long messageId, String data) {
        clock = clock.plus(pace);
        updates.pipeInput(Long.toString(user), callback(nextUpdateId++, user, messageId, data), clock);
        return outbox.readValuesToList();
    }

    private static String text(OutboxMessage message) {
        return (String) message.params().get("text");
    }

    private static List<String> buttons(OutboxMessage message) {
        Object markup = message.params().get("reply_markup");
        if (markup == null) {
            return List.of();
        }
        Map<?, ?> keyboard = Json.mapper().convertValue(markup, Map.class);
        List<String> data = new ArrayList<>();
        for (Object row : (List<?>) keyboard.get("inline_keyboard")) {
            for (Object button : (List<?>) row) {
                data.add((String) ((Map<?, ?>) button).get("callback_data"));
            }
        }
        return data;
    }

    private static OutboxMessage only(List<OutboxMessage> messages, String method) {
        return messages.stream().filter(m -> m.method().equals(method)).reduce((a, b) -> {
            throw new AssertionError("more than one " + method + ": " + messages);
        }).orElseThrow(() -> new AssertionError("no " + method + " in " + messages));
    }

    private void publish(String id, String title, String category, String city, Instant at) {
        Listing listing = new Listing(id, title, category, city, "A description of " + title,
                TestRules.cipher().encrypt("+49 30 " + id.hashCode(), id), ListingStatus.ACTIVE, 0, at, null, null, at);
        listingsIn.pipeInput(id, listing);
    }

    private void started(long user) {
        say(user, "/start");
        ledger.readValuesToList();
        users.readValuesToList();
    }

    // --- walking skeleton ----------------------------------------------------------------------------------------

    @Test
    void startRegistersTheUserGrantsTheBonusAndWelcomesThem() {
        List<OutboxMessage> replies = say(ADA, "/start");

        assertThat(users.readValuesToList()).singleElement().satisfies(p -> assertThat(p.userId()).isEqualTo(ADA));
        assertThat(ledger.readKeyValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.key).isEqualTo("42");
            assertThat(entry.value.entryId()).isEqualTo("update:1/ledger:0");
            assertThat(entry.value.delta()).isEqualTo(3);
            assertThat(entry.value.kind()).isEqualTo(LedgerKind.SIGNUP_BONUS);
        });
        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.outboxId()).isEqualTo("update:1/reply:0");
            assertThat(text(reply)).contains("3 credits");
        });
    }

    @Test
    void aSecondStartGrantsNothingAndBalanceStillSaysThree() {
        started(ADA);

        assertThat(text(say(ADA, "/start").get(0))).contains("Welcome back").contains("3 credits");
        assertThat(text(say(ADA, "/balance").get(0))).isEqualTo("Your balance: <b>3 credits</b>.");
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void anUpdateSeenBeforeIsDroppedWithoutAnyEffect() {
        updates.pipeInput("42", message(7, ADA, "/start"));
        outbox.readValuesToList();
        ledger.readValuesToList();

        updates.pipeInput("42", message(7, ADA, "/start"));

        assertThat(outbox.isEmpty()).isTrue();
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "duplicate").count()).isEqualTo(1);
    }

    @Test
    void theSameUpdateIdInALaterIngressEpochIsANewUpdateWithIdsOfItsOwn() {
        publish("p1", "Plumber", "Plumbing", "Berlin", T0);
        publish("p2", "Electrician", "Electrical", "Berlin", T0);
        SealedUpdates seals = new SealedUpdates(TestRules.cipher());
        updates.pipeRecord("42", seals.seal(new UpdateRef(0, 50), message(50, ADA, "/start")), clock);
        updates.pipeRecord("42", seals.seal(new UpdateRef(0, 51), callback(51, ADA, 9, "u:p1")), clock.plusSeconds(7));
        outbox.readValuesToList();
        ledger.readValuesToList();
        unlocks.readValuesToList();

        // Telegram restarted its ids after a quiet week: update 51 comes back, as another tap
        updates.pipeRecord("42", seals.seal(new UpdateRef(1, 51), callback(51, ADA, 9, "u:p2")), clock.plusSeconds(14));

        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.entryId()).isEqualTo("update:e1.51/ledger:0");
            assertThat(entry.reason()).contains("p2");
        });
        assertThat(outbox.readValuesToList()).extracting(OutboxMessage::outboxId)
                .contains("update:e1.51/reply:0").allSatisfy(id -> assertThat(id).startsWith("update:e1.51/"));
        assertThat(unlocks.readValuesToList()).extracting(ContactUnlocked::listingId).containsExactly("p2");
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "duplicate").count()).isZero();
    }

    @Test
    void theSameUpdateOfTheSameEpochTwiceIsDroppedTheSecondTime() {
        SealedUpdates seals = new SealedUpdates(TestRules.cipher());
        String record = seals.seal(new UpdateRef(1, 7), message(7, ADA, "/start"));
        updates.pipeRecord("42", record);
        outbox.readValuesToList();
        ledger.readValuesToList();

        updates.pipeRecord("42", record);

        assertThat(outbox.isEmpty()).isTrue();
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "duplicate").count()).isEqualTo(1);
    }

    @Test
    void aSubmissionStartedInALaterEpochGetsASessionOfItsOwn() {
        started(ADA);
        String record = new SealedUpdates(TestRules.cipher()).seal(new UpdateRef(3, 2), message(2, ADA, "/submit"));
        updates.pipeRecord("42", record, clock.plusSeconds(7));
        outbox.readValuesToList();

        List<OutboxMessage> categoryQuestion = say(ADA, "Fast plumber");

        assertThat(buttons(categoryQuestion.get(0))).first().isEqualTo("sc:" + new UpdateRef(3, 2).shortId() + ":0");
    }

    @Test
    void malformedJsonIsDeadLetteredWithItsReasonAndTheNextUpdateIsStillAnswered() {
        updates.pipeRecord("42", new SealedUpdates(TestRules.cipher()).seal(5, "{\"update_id\": 5, \"message\": "));
        updates.pipeInput("42", message(6, ADA, "/help"));

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.sourceTopic()).isEqualTo("tg.updates");
        assertThat(letter.reason()).contains("not JSON");
        assertThat(outbox.readValuesToList()).hasSize(1);
    }

    @Test
    void anUpdateInTheClearIsDeadLetteredEvenFromAnAdminAndChangesNothing() {
        started(ADA);
        // Anyone who can produce to tg.updates could write this; only the ingress holds the keyring that seals.
        String forged = message(60, TestRules.ADMIN, "/grant 42 1000 forged");

        updates.pipeRecord(Long.toString(TestRules.ADMIN), forged, clock.plusSeconds(7));

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.reason()).endsWith("not sealed: only the ingress may publish updates");
        assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo(forged);
        assertThat(outbox.isEmpty()).isTrue();
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(audit.isEmpty()).isTrue();
    }

    @Test
    void anUpdateDeadLetteredByABugIsHandledWhenReplayedAfterTheFix() {
        say(TestRules.ADMIN, "/start");
        outbox.readValuesToList();
        countingBroken = true;
        say(TestRules.ADMIN, "/balance");
        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.reason()).contains("cannot count a handled update");
        assertThat(outbox.isEmpty()).isTrue();

        // the fix is deployed, and the operator replays the dead letter to its source topic (directory-tools replay-dlq)
        countingBroken = false;
        updates.pipeRecord(letter.key(), new String(letter.payload(), StandardCharsets.UTF_8),
                clock.plusSeconds(60));

        assertThat(only(outbox.readValuesToList(), "sendMessage").causeId()).isEqualTo("update:" + (nextUpdateId - 1));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "duplicate").count()).isZero();
    }

    @Test
    void anUpdateIsSeenOnlyOnceHandledSoItsReplayAfterSuccessIsStillADuplicate() {
        say(ADA, "/start");
        outbox.readValuesToList();

        updates.pipeInput("42", message(nextUpdateId - 1, ADA, "/start"), clock.plusSeconds(7));

        assertThat(outbox.isEmpty()).isTrue();
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "duplicate").count()).isEqualTo(1);
    }

    @Test
    void anAccountCommandThatCannotBeAppliedIsSetAsideCountedAndTheNextOneIsApplied() {
        started(ADA);
        TestInputTopic<String, AccountCommand> commands = driver.createInputTopic(ProcessorTopics.ACCOUNT_COMMANDS.name(),
                new StringSerializer(), ProcessorTopics.ACCOUNT_COMMANDS.valueSerde().serializer());
        TestOutputTopic<String, byte[]> streamsDeadLetters = driver.createOutputTopic(ProcessorTopics.DEAD_LETTERS,
                new StringDeserializer(), new ByteArrayDeserializer());

        // a grant no balance can hold: applying it throws, on every attempt
        commands.pipeInput("42", grant("poison", Long.MAX_VALUE), clock.plusSeconds(1));
        commands.pipeInput("42", grant("next", 5), clock.plusSeconds(2));

        TestRecord<String, byte[]> letter = streamsDeadLetters.readRecord();
        assertThat(letter.key()).isEqualTo("42");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("\"poison\"");
        assertThat(new String(letter.headers().lastHeader("__streams.errors.exception").value(),
                StandardCharsets.UTF_8)).contains("ArithmeticException");
        assertThat(streamsDeadLetters.isEmpty()).isTrue();
        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.reason()).isEqualTo("next");
            assertThat(entry.balanceAfter()).isEqualTo(8);
        });
        assertThat(meters.counter("contactdesk.dlq.records", "topic", ProcessorTopics.DEAD_LETTERS).count()).isEqualTo(1);
    }

    @Test
    void aDeliveryReportThatCannotBeReadIsSetAsideAndTheNextOneStillBlocks() {
        started(ADA);
        TestInputTopic<String, DeliveryReport> reports = driver.createInputTopic(Topics.DELIVERY_REPORTS.name(),
                new StringSerializer(), Topics.DELIVERY_REPORTS.valueSerde().serializer());
        TestOutputTopic<String, byte[]> streamsDeadLetters = driver.createOutputTopic(ProcessorTopics.DEAD_LETTERS,
                new StringDeserializer(), new ByteArrayDeserializer());

        reports.pipeInput("42", new DeliveryReport("update:9/reply:0", ADA, DeliveryReport.Finding.BLOCKED_BY_USER,
                "Forbidden: bot was blocked by the user", null), clock.plusSeconds(1));
        reports.pipeInput("42", new DeliveryReport("update:9/reply:1", ADA, DeliveryReport.Finding.BLOCKED_BY_USER,
                "Forbidden: bot was blocked by the user", clock.plusSeconds(2)), clock.plusSeconds(2));

        assertThat(streamsDeadLetters.readValuesToList()).hasSize(1);
        assertThat(users.readValuesToList()).singleElement().satisfies(p -> assertThat(p.blocked()).isTrue());
    }

    private AccountCommand grant(String id, long amount) {
        return new AccountCommand(id, ADA, AccountCommandType.GRANT, amount, id, TestRules.ADMIN, TestRules.ADMIN, null,
                clock, null, null);
    }

    @Test
    void anUpdateKeyedByAnotherUserIsDeadLettered() {
        updates.pipeInput("7", message(1, ADA, "/start"));

        assertThat(deadLetters.readValue().reason()).contains("not the sender's user id");
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void anUpdateSealedByThePollerIsAnswered() {
        updates.pipeRecord("42", new SealedUpdates(TestRules.cipher()).seal(8, message(8, ADA, "/start")));

        assertThat(text(only(outbox.readValuesToList(), "sendMessage"))).contains("3 credits");
        assertThat(ledger.readValuesToList()).hasSize(1);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void anUpdateSealedUnderAnUnknownKeyIsDeadLetteredSealedWithTheReasonAndMovesNoCredits() {
        SealedUpdates otherRing = new SealedUpdates(ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k7")));
        String record = otherRing.seal(9, message(9, ADA, "/start"));

        updates.pipeRecord("42", record);

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.reason()).endsWith("sealed update cannot be opened: no key 'k7' in the keyring");
        assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo(record);
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(outbox.isEmpty()).isTrue();
    }

    // --- browse and search -------------------------------------------------------------------------------------

    @Test
    void browsingACategoryPagesFiveListingsNewestFirstByEditingTheSameMessage() {
        for (int i = 1; i <= 7; i++) {
            publish("p" + i, "Plumber " + i, "Plumbing", "Berlin", T0.minus(Duration.ofDays(10 - i)));
        }
        started(ADA);
        OutboxMessage categories = say(ADA, "/browse").get(0);
        assertThat(buttons(categories)).contains("c:0:1");

        OutboxMessage page1 = only(tap(ADA, 100, "c:0:1"), OutboxMessage.EDIT_MESSAGE_TEXT);
        assertThat(page1.params()).containsEntry("message_id", 100);
        assertThat(text(page1)).contains("page 1/2");
        assertThat(buttons(page1)).startsWith("v:p7", "v:p6", "v:p5", "v:p4", "v:p3").contains("c:0:2")
                .doesNotContain("c:0:0");

        OutboxMessage page2 = only(tap(ADA, 100, "c:0:2"), OutboxMessage.EDIT_MESSAGE_TEXT);
        assertThat(page2.params()).containsEntry("message_id", 100);
        assertThat(text(page2)).contains("page 2/2");
        assertThat(buttons(page2)).startsWith("v:p2", "v:p1").contains("c:0:1");
    }

    @Test
    void anEmptyCategorySaysSoAndAPagePastTheEndChangesNothing() {
        started(ADA);

        assertThat(text(only(tap(ADA, 100, "c:1:1"), OutboxMessage.EDIT_MESSAGE_TEXT))).contains("no listings yet");
        publish("e1", "Electrician", "Electrical", "Rome", T0);
        List<OutboxMessage> pastTheEnd = tap(ADA, 100, "c:1:9");
        assertThat(pastTheEnd).singleElement().satisfies(m -> {
            assertThat(m.method()).isEqualTo(OutboxMessage.ANSWER_CALLBACK_QUERY);
            assertThat(m.params()).containsEntry("text", "That page no longer exists.");
        });
    }

    @Test
    void searchMatchesCaseInsensitivelyAcrossFieldsAndSuggestsBrowseWhenNothingMatches() {
        publish("p1", "Quick PLUMBER", "Plumbing", "Berlin", T0);
        publish("t1", "Maths tutor", "Tutoring", "berlin", T0);
        started(ADA);

        OutboxMessage found = say(ADA, "/search plumber BERLIN").get(0);
        assertThat(buttons(found)).containsExactly("v:p1");
        assertThat(buttons(say(ADA, "/search berlin").get(0))).containsExactlyInAnyOrder("v:p1", "v:t1");
        assertThat(text(say(ADA, "/search <script>").get(0))).contains("&lt;script&gt;").contains("/browse");
    }

    // --- view and unlock ---------------------------------------------------------------------------------------

    @Test
    void unlockingChargesOnceRevealsTheSealedContactAndUnlockingAgainIsFree() {
        publish("p1", "Plumber", "Plumbing", "Berlin", T0);
        started(ADA);
        OutboxMessage view = say(ADA, "/view p1").get(0);
        assertThat(text(view)).contains("Plumber").contains("Unlock the contact for 1 credit");
        assertThat(buttons(view)).contains("u:p1");

        List<OutboxMessage> unlocked = tap(ADA, 200, "u:p1");
        OutboxMessage reveal = only(unlocked, OutboxMessage.EDIT_MESSAGE_TEXT);
        assertThat(text(reveal)).contains(OutboxMessage.CONTACT_PLACEHOLDER);
        assertThat(reveal.revealsContact()).isTrue();
        assertThat(TestRules.cipher().decrypt((String) reveal.params().get(OutboxMessage.SEALED_CONTACT), "p1"))
                .startsWith("+49 30");
        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.delta()).isEqualTo(-1);
            assertThat(entry.balanceAfter()).isEqualTo(2);
            assertThat(entry.kind()).isEqualTo(LedgerKind.UNLOCK);
        });
        assertThat(unlocks.readValuesToList()).singleElement().satisfies(u -> assertThat(u.listingId()).isEqualTo("p1"));

        List<OutboxMessage> again = tap(ADA, 200, "u:p1");
        assertThat(only(again, OutboxMessage.ANSWER_CALLBACK_QUERY).params().get("text")).asString().contains("no charge");
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(unlocks.isEmpty()).isTrue();
    }

    @Test
    void aContactSealedWithAKeyTheRingLacksIsNotChargedForAndTheUserIsToldPolitely() {
        ContactCipher otherRing = ContactCipher.fromKeyring(ContactCipher.generateKeyringEntry("k7"));
        listingsIn.pipeInput("p1", new Listing("p1", "Plumber", "Plumbing", "Berlin", "A description of Plumber",
                otherRing.encrypt("+49 30 1234567", "p1"), ListingStatus.ACTIVE, 0, T0, null, null, T0));
        started(ADA);

        List<OutboxMessage> answer = tap(ADA, 200, "u:p1");

        assertThat(answer).singleElement().satisfies(m -> {
            assertThat(m.method()).isEqualTo(OutboxMessage.ANSWER_CALLBACK_QUERY);
            assertThat(m.params().get("text")).asString().contains("not charged");
        });
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(unlocks.isEmpty()).isTrue();
        assertThat(text(say(ADA, "/balance").get(0))).isEqualTo("Your balance: <b>3 credits</b>.");
    }

    @Test
    void aContactThatCouldNotBeShownIsRefundedOnceTheUserToldAndTheListingLockedAgain() {
        publish("p1", "Plumber", "Plumbing", "Berlin", T0);
        started(ADA);
        OutboxMessage reveal = only(tap(ADA, 200, "u:p1"), OutboxMessage.EDIT_MESSAGE_TEXT);
        ledger.readValuesToList();
        TestInputTopic<String, DeliveryReport> reports = driver.createInputTopic(Topics.DELIVERY_REPORTS.name(),
                new StringSerializer(), Topics.DELIVERY_REPORTS.valueSerde().serializer());
        DeliveryReport notShown = notShown(reveal);

        reports.pipeInput("42", notShown, clock.plusSeconds(1));

        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(LedgerKind.REFUND);
            assertThat(entry.delta()).isEqualTo(1);
            assertThat(entry.balanceAfter()).isEqualTo(3);
            assertThat(entry.entryId()).isEqualTo("refund:" + reveal.causeId() + "/ledger:0/ledger:0");
        });
        assertThat(outbox.readValuesToList()).singleElement().satisfies(m -> {
            assertThat(m.chatId()).isEqualTo(ADA);
            assertThat(text(m)).contains("could not be shown").contains("<b>1 credit</b> is back").contains("<b>3 credits</b>");
        });

        // the same report again (the notifier retried): nothing more
        reports.pipeInput("42", notShown, clock.plusSeconds(2));
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(outbox.isEmpty()).isTrue();

        // once the contact can be shown, unlocking it is charged again
        tap(ADA, 200, "u:p1");
        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> assertThat(entry.kind()).isEqualTo(LedgerKind.UNLOCK));
    }

    @Test
    void aFreeRevealOfAnEarlierUnlockThatCouldNotBeShownRefundsNothing() {
        publish("p1", "Plumber", "Plumbing", "Berlin", T0);
        started(ADA);
        tap(ADA, 200, "u:p1");
        OutboxMessage freeReveal = only(tap(ADA, 200, "u:p1"), OutboxMessage.EDIT_MESSAGE_TEXT);
        ledger.readValuesToList();
        TestInputTopic<String, DeliveryReport> reports = driver.createInputTopic(Topics.DELIVERY_REPORTS.name(),
                new StringSerializer(), Topics.DELIVERY_REPORTS.valueSerde().serializer());

        reports.pipeInput("42", notShown(freeReveal), clock.plusSeconds(1));

        assertThat(ledger.isEmpty()).isTrue();
        assertThat(outbox.isEmpty()).isTrue();
    }

    private static DeliveryReport notShown(OutboxMessage reveal) {
        return new DeliveryReport(reveal.outboxId(), reveal.chatId(), DeliveryReport.Finding.CONTACT_NOT_SHOWN,
                "Bad Request: can't parse entities", reveal.requestedAt().plusSeconds(1), reveal.causeId(),
                (String) reveal.params().get(OutboxMessage.CONTACT_LISTING_ID));
    }

    @Test
    void withTooFewCreditsTheBalanceNeverGoesBelowZeroEvenUnderRapidTaps() {
        for (int i = 1; i <= 5; i++) {
            publish("p" + i, "Plumber " + i, "Plumbing", "Berlin", T0);
        }
        started(ADA);

        for (int i = 1; i <= 5; i++) {
            tap(ADA, 300, "u:p" + i);
        }

        List<LedgerEntry> charges = ledger.readValuesToList();
        assertThat(charges).hasSize(3).allSatisfy(entry -> assertThat(entry.balanceAfter()).isGreaterThanOrEqualTo(0));
        assertThat(charges.get(2).balanceAfter()).isZero();
        List<OutboxMessage> refused = tap(ADA, 300, "u:p5");
        assertThat(refused.stream().map(CommandTopologyTest::text).filter(t -> t != null))
                .anySatisfy(t -> assertThat(t).contains("you have <b>0 credits</b>").contains("/submit"));
    }

    @Test
    void aForgedUnlockOfAnUnknownOrPendingListingChangesNothing() {
        Listing pending = new Listing("q1", "Pending", "Plumbing", "Oslo", "Waiting for review",
                TestRules.cipher().encrypt("@pending_one", "q1"), ListingStatus.PENDING, 7, T0, null, null, T0);
        listingsIn.pipeInput("q1", pending);
        started(ADA);

        assertThat(tap(ADA, 1, "u:q1")).singleElement().satisfies(m -> assertThat(m.method()).isEqualTo("answerCallbackQuery"));
        assertThat(tap(ADA, 1, "u:nope")).singleElement().satisfies(m -> assertThat(m.method()).isEqualTo("answerCallbackQuery"));
        assertThat(ledger.isEmpty()).isTrue();
    }

    @Test
    void unlockedAndHistoryListTheUsersOwnThingsNewestFirst() {
        publish("p1", "Plumber", "Plumbing", "Berlin", T0);
        started(ADA);
        tap(ADA, 1, "u:p1");

        assertThat(buttons(say(ADA, "/unlocked").get(0))).containsExactly("v:p1");
        String history = text(say(ADA, "/history").get(0));
        assertThat(history.indexOf("unlock")).isLessThan(history.indexOf("signup bonus"));
        assertThat(history).contains("<b>-1</b>").contains("<b>+3</b>");
    }

    // --- submit and moderate ----------------------------------------------------------------------------------

    @Test
    void aSubmissionIsGuidedValidatedSealedAndGoesToEveryAdminThenTheFirstDecisionWins() {
        started(ADA);
        say(TestRules.ADMIN, "/start");
        say(TestRules.OTHER_ADMIN, "/start");
        ledger.readValuesToList();

        assertThat(text(say(ADA, "/submit").get(0))).contains("title");
        assertThat(text(say(ADA, "x").get(0))).contains("at least 3");
        OutboxMessage categoryQuestion = say(ADA, "Fast plumber").get(0);
        String sessionChoice = buttons(categoryQuestion).get(0);
        assertThat(sessionChoice).startsWith("sc:");
        tap(ADA, 50, sessionChoice);
        say(ADA, "Berlin");
        assertThat(text(say(ADA, "short").get(0))).contains("at least 10");
        say(ADA, "Pipes fixed fast, day and night.");
        assertThat(text(say(ADA, "not a contact").get(0))).contains("does not look like");
        OutboxMessage summary = say(ADA, "+49 170 1234567").get(0);
        assertThat(summary.revealsContact()).isTrue();
        assertThat(Json.mapper().valueToTree(summary).toString()).doesNotContain("1234567");

        List<OutboxMessage> confirmed = tap(ADA, 51, buttons(summary).get(0));
        List<OutboxMessage> toAdmins = confirmed.stream().filter(m -> m.chatId() != ADA).toList();
        String listingId = buttons(toAdmins.get(0)).get(0).substring("ma:".length());
        Listing submitted = directory(listingId);
        assertThat(submitted.status()).isEqualTo(ListingStatus.PENDING);
        assertThat(submitted.sealedContact()).startsWith("v1:k1:").doesNotContain("1234567");
        assertThat(TestRules.cipher().decrypt(submitted.sealedContact(), submitted.listingId())).isEqualTo("+49 170 1234567");
        assertThat(toAdmins).extracting(OutboxMessage::chatId).containsExactly(TestRules.ADMIN, TestRules.OTHER_ADMIN);
        assertThat(buttons(toAdmins.get(0))).containsExactly("ma:" + submitted.listingId(), "mr:" + submitted.listingId());

        // the first admin approves: the listing is published, the submitter earns the reward
        List<OutboxMessage> approved = tap(TestRules.ADMIN, 60, "ma:" + submitted.listingId());
        assertThat(directory(listingId).status()).isEqualTo(ListingStatus.ACTIVE);
        assertThat(directory(listingId).decidedBy()).isEqualTo(TestRules.ADMIN);
        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.userId()).isEqualTo(ADA);
            assertThat(entry.delta()).isEqualTo(2);
            assertThat(entry.kind()).isEqualTo(LedgerKind.LISTING_REWARD);
        });
        assertThat(approved.stream().filter(m -> m.chatId() == ADA).map(CommandTopologyTest::text))
                .anySatisfy(t -> assertThat(t).contains("approved").contains("2 credits"));
        assertThat(audit.readValuesToList()).extracting(AuditEvent::action).contains("approve");

        // the second admin's tap is told it was decided, and changes nothing
        List<OutboxMessage> late = tap(TestRules.OTHER_ADMIN, 61, "mr:" + submitted.listingId());
        assertThat(only(late, OutboxMessage.ANSWER_CALLBACK_QUERY).params().get("text")).asString().contains("Already approved");
        assertThat(directory(listingId).status()).isEqualTo(ListingStatus.ACTIVE);
        assertThat(ledger.isEmpty()).isTrue();
    }

    /** The listings topic as every task sees it: the global directory store. */
    private Listing directory(String listingId) {
        return driver.<String, Listing>getKeyValueStore("directory").get(listingId);
    }

    @Test
    void cancelEndsTheConversationAndAnotherUsersSessionButtonDoesNothing() {
        started(ADA);
        say(ADA, "/submit");
        String choice = buttons(say(ADA, "Fast plumber").get(0)).get(0);

        assertThat(tap(43, 70, choice)).singleElement()
                .satisfies(m -> assertThat(m.params().get("text")).isEqualTo("This conversation has ended."));
        assertThat(text(say(ADA, "/cancel").get(0))).contains("Cancelled");
        assertThat(text(say(ADA, "Berlin").get(0))).contains("I don't know that one");
    }

    @Test
    void aDraftIdleForFifteenMinutesIsDiscardedPolitely() {
        started(ADA);
        say(ADA, "/submit");

        driver.advanceWallClockTime(Duration.ofMinutes(16));

        assertThat(outbox.readValuesToList()).singleElement()
                .satisfies(m -> assertThat(text(m)).contains("timed out").contains("/submit"));
        assertThat(text(say(ADA, "Fast plumber").get(0))).contains("I don't know that one");
    }

    // --- admins --------------------------------------------------------------------------------------------------

    @Test
    void grantAndRevokeChangeTheTargetsBalanceNeverBelowZeroAndAreAudited() {
        started(ADA);
        say(TestRules.ADMIN, "/start");
        ledger.readValuesToList();

        List<OutboxMessage> granted = say(TestRules.ADMIN, "/grant 42 5 welcome gift");
        assertThat(granted.stream().filter(m -> m.chatId() == TestRules.ADMIN).map(CommandTopologyTest::text))
                .anySatisfy(t -> assertThat(t).contains("Granted 5 credits to 42").contains("Balance: 8 credits"));
        assertThat(granted.stream().filter(m -> m.chatId() == ADA).map(CommandTopologyTest::text))
                .anySatisfy(t -> assertThat(t).contains("5 credits").contains("welcome gift"));

        say(TestRules.ADMIN, "/revoke 42 100");
        List<LedgerEntry> entries = ledger.readValuesToList();
        assertThat(entries).extracting(LedgerEntry::delta).containsExactly(5L, -8L);
        // numbered in the order they applied to the account, after the signup bonus (1)
        assertThat(entries).extracting(LedgerEntry::sequence).containsExactly(2L, 3L);
        assertThat(entries.get(1).balanceAfter()).isZero();
        assertThat(audit.readValuesToList()).extracting(AuditEvent::action).containsExactly("grant", "revoke");
        assertThat(text(say(ADA, "/balance").get(0))).contains("0 credits");
    }

    @Test
    void aBannedUserGetsOneNoticeThenSilenceUntilUnbanned() {
        started(ADA);
        say(TestRules.ADMIN, "/ban 42");

        assertThat(say(ADA, "/balance")).singleElement().satisfies(m -> assertThat(text(m)).contains("banned"));
        assertThat(say(ADA, "/balance")).isEmpty();
        assertThat(tap(ADA, 1, "b")).isEmpty();

        say(TestRules.ADMIN, "/unban 42");
        assertThat(say(ADA, "/balance")).singleElement().satisfies(m -> assertThat(text(m)).contains("3 credits"));
    }

    @Test
    void statsCountUsersListingsUnlocksAndCreditsAcrossTheDirectory() {
        publish("p1", "Plumber", "Plumbing", "Berlin", T0);
        started(ADA);
        tap(ADA, 1, "u:p1");
        say(TestRules.ADMIN, "/start");

        String stats = text(say(TestRules.ADMIN, "/stats").get(0));

        assertThat(stats).contains("Users: <b>2</b>").contains("Active listings: <b>1</b>")
                .contains("Unlocks today: <b>1</b>").contains("Credits outstanding: <b>5 credits</b>");
    }

    // --- users who blocked the bot -------------------------------------------------------------------------------

    @Test
    void aUserWhoBlockedTheBotIsFlaggedAndGetsNothingUntilTheyWriteAgain() {
        started(ADA);
        TestInputTopic<String, DeliveryReport> reports = driver.createInputTopic(Topics.DELIVERY_REPORTS.name(),
                new StringSerializer(), Topics.DELIVERY_REPORTS.valueSerde().serializer());

        reports.pipeInput("42", new DeliveryReport("update:9/reply:0", ADA, DeliveryReport.Finding.BLOCKED_BY_USER,
                "Forbidden: bot was blocked by the user", clock.plusSeconds(1)), clock.plusSeconds(1));

        assertThat(users.readValuesToList()).singleElement().satisfies(p -> assertThat(p.blocked()).isTrue());
        List<OutboxMessage> granted = say(TestRules.ADMIN, "/grant 42 5");
        assertThat(granted).extracting(OutboxMessage::chatId).doesNotContain(ADA).contains(TestRules.ADMIN);

        say(ADA, "/balance");
        assertThat(users.readValuesToList()).last().satisfies(p -> assertThat(p.blocked()).isFalse());
    }

    // --- broadcast -----------------------------------------------------------------------------------------------

    @Test
    void aConfirmedBroadcastIsQueuedOnceForEveryReachableUserAndCanBeCancelled() {
        started(ADA);
        started(43);
        started(44);
        say(TestRules.ADMIN, "/start");
        say(TestRules.ADMIN, "/ban 44");
        TestOutputTopic<String, OutboxMessage> bulk = output(Topics.OUTBOX_BULK);
        TestOutputTopic<String, BroadcastShard> shards = output(Topics.BROADCAST_SHARDS);

        OutboxMessage preview = say(TestRules.ADMIN, "/broadcast New <listings> every day!").get(0);
        assertThat(text(preview)).contains("New &lt;listings&gt; every day!").contains("about <b>3</b> users");
        assertThat(bulk.isEmpty()).isTrue();

        List<OutboxMessage> queued = tap(TestRules.ADMIN, 80, buttons(preview).get(0));
        assertThat(only(queued, OutboxMessage.EDIT_MESSAGE_TEXT).params()).containsEntry("message_id", 80);
        List<OutboxMessage> sent = bulk.readValuesToList();
        assertThat(sent).extracting(OutboxMessage::chatId).containsExactlyInAnyOrder(ADA, 43L);
        assertThat(sent).allSatisfy(m -> {
            assertThat(text(m)).isEqualTo("New &lt;listings&gt; every day!");
            assertThat(m.params()).containsKey("broadcast_id");
        });
        assertThat(shards.readValuesToList()).singleElement().satisfies(shard -> {
            assertThat(shard.recipients()).isEqualTo(2);
            assertThat(shard.statusMessageId()).isEqualTo(80);
        });

        assertThat(tap(TestRules.ADMIN, 80, buttons(preview).get(0))).extracting(OutboxMessage::method)
                .containsExactly(OutboxMessage.ANSWER_CALLBACK_QUERY);
        assertThat(bulk.isEmpty()).isTrue();
        assertThat(text(say(TestRules.ADMIN, "/broadcast_cancel").get(0))).contains("Stopping broadcast");
        assertThat(output(Topics.BROADCAST_CONTROL).readValue().cancelled()).isTrue();
    }

    @Test
    void broadcastIsAnAdminCommand() {
        started(ADA);

        assertThat(text(say(ADA, "/broadcast hi all").get(0))).contains("I don't know that one");
    }

    // --- operations ----------------------------------------------------------------------------------------------

    @Test
    void healthAndLagAreForwardedToTheOpsConsoleKeyedByTheAdminsChatAndNotAnsweredHere() {
        say(TestRules.ADMIN, "/start");
        TestOutputTopic<String, OpsReportRequested> requests = output(Topics.REPORT_REQUESTS);

        assertThat(say(TestRules.ADMIN, "/health")).isEmpty();
        Instant healthAt = clock;
        assertThat(say(TestRules.ADMIN, "/lag")).isEmpty();

        List<TestRecord<String, OpsReportRequested>> forwarded = requests.readRecordsToList();
        assertThat(forwarded).extracting(TestRecord::key).containsExactly("900", "900");
        assertThat(forwarded.get(0).value()).isEqualTo(new OpsReportRequested("update:" + (nextUpdateId - 2) + "/report:0",
                TestRules.ADMIN, TestRules.ADMIN, OpsReportRequested.Report.HEALTH, "update:" + (nextUpdateId - 2),
                healthAt));
        assertThat(forwarded.get(1).value().report()).isEqualTo(OpsReportRequested.Report.LAG);
    }

    @Test
    void healthFromAUserIsAnUnknownCommandAndForwardsNothing() {
        started(ADA);

        assertThat(text(say(ADA, "/health").get(0))).contains("I don't know that one");
        assertThat(output(Topics.REPORT_REQUESTS).isEmpty()).isTrue();
    }

    // --- updates the bot leaves alone, groups, blocking -------------------------------------------------------------

    private double ignored(String type, String reason) {
        return meters.counter("contactdesk.processor.updates.ignored", "type", type, "reason", reason).count();
    }

    private void edit(long user, String text) {
        clock = clock.plus(pace);
        updates.pipeInput(Long.toString(user), message(nextUpdateId++, user, text)
                .replace("\"message\"", "\"edited_message\""), clock);
    }

    private List<OutboxMessage> member(long user, String oldStatus, String newStatus) {
        clock = clock.plus(pace);
        updates.pipeInput(Long.toString(user), myChatMember(nextUpdateId++, user, oldStatus, newStatus), clock);
        return outbox.readValuesToList();
    }

    @Test
    void anEditedCommandIsCountedAsIgnoredAndNotRunAgain() {
        started(ADA);

        edit(ADA, "/start");

        assertThat(outbox.isEmpty()).isTrue();
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "ignored").count()).isEqualTo(1);
        assertThat(ignored("edited_message", "not_used")).isEqualTo(1);
    }

    @Test
    void ignoredUpdatesDoNotCountAgainstTheRateLimit() {
        pace = Duration.ofSeconds(1);
        for (int i = 0; i < 9; i++) {
            say(ADA, "/balance");
        }
        for (int i = 0; i < 5; i++) {
            edit(ADA, "/balance");
        }

        assertThat(say(ADA, "/balance")).singleElement().satisfies(m -> assertThat(text(m)).startsWith("Your balance"));
    }

    @Test
    void aGroupIsToldOnceToUseAPrivateChatAndNoCommandRunsThere() {
        updates.pipeInput("-100", groupMessage(1, -100, "supergroup", ADA, false, "/start"), clock);

        assertThat(outbox.readKeyValuesToList()).singleElement().satisfies(notice -> {
            assertThat(notice.key).isEqualTo("-100");
            assertThat(notice.value.chatId()).isEqualTo(-100);
            assertThat(text(notice.value)).contains("private chat").contains("/start").doesNotContain("@");
        });
        updates.pipeInput("-100", groupMessage(2, -100, "supergroup", 43, false, "/browse"), clock.plusSeconds(1));

        assertThat(outbox.isEmpty()).isTrue();
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(users.isEmpty()).isTrue();
        assertThat(driver.getKeyValueStore(CommandTopology.ACCOUNTS_STORE).get(ADA)).isNull();
        assertThat(ignored("message", "group_already_told")).isEqualTo(1);
        assertThat(driver.getKeyValueStore("group-chats").get(-100L)).isNotNull();
    }

    @Test
    void theBotAddedToAGroupSaysOnceWhereToFindItByUsername() {
        updates.pipeInput("-200", botAddedToGroup(1, -200, ADA), clock);
        updates.pipeInput("-200", groupMessage(2, -200, "group", ADA, false, "hello bot"), clock.plusSeconds(1));

        assertThat(outbox.readValuesToList()).singleElement()
                .satisfies(notice -> assertThat(text(notice)).contains("@contactdesk_bot"));
    }

    @Test
    void aGroupMessageKeyedByItsSenderInsteadOfTheChatIsDeadLettered() {
        updates.pipeInput("42", groupMessage(1, -100, "supergroup", ADA, false, "/start"));

        assertThat(deadLetters.readValue().reason()).contains("key 42 is not the group's chat id");
        assertThat(outbox.isEmpty()).isTrue();
    }

    @Test
    void blockingTheBotIsRecordedForDbWriterAndNothingMoreIsQueuedForTheUser() {
        started(ADA);
        started(TestRules.ADMIN);
        say(ADA, "/submit");

        assertThat(member(ADA, "member", "kicked")).isEmpty();

        assertThat(users.readKeyValuesToList()).singleElement().satisfies(p -> {
            assertThat(p.key).isEqualTo("42");
            assertThat(p.value.blocked()).isTrue();
        });
        assertThat(say(TestRules.ADMIN, "/grant 42 5")).extracting(OutboxMessage::chatId).doesNotContain(ADA);
        driver.advanceWallClockTime(Duration.ofMinutes(16));
        assertThat(outbox.readValuesToList()).extracting(OutboxMessage::chatId).doesNotContain(ADA);
    }

    @Test
    void unblockingTheBotClearsTheFlagAndWelcomesTheUserBack() {
        started(ADA);
        member(ADA, "member", "kicked");
        users.readValuesToList();

        List<OutboxMessage> back = member(ADA, "kicked", "member");

        assertThat(users.readValuesToList()).singleElement().satisfies(p -> assertThat(p.blocked()).isFalse());
        assertThat(back).singleElement().satisfies(m -> {
            assertThat(m.chatId()).isEqualTo(ADA);
            assertThat(text(m)).contains("Welcome back").contains("/browse").contains("/help");
        });
    }

    @Test
    void aMembershipChangeOfSomeoneWhoNeverStartedTheBotIsIgnored() {
        assertThat(member(77, "member", "kicked")).isEmpty();

        assertThat(users.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(driver.getKeyValueStore(CommandTopology.ACCOUNTS_STORE).get(77L)).isNull();
        assertThat(ignored("my_chat_member", "no_account")).isEqualTo(1);
    }

    // --- rate limit ------------------------------------------------------------------------------------------

    @Test
    void theFirstUpdateOverTheLimitGetsOneSlowDownAndFurtherOnesAreDroppedSilently() {
        pace = Duration.ofSeconds(1);
        for (int i = 0; i < 10; i++) {
            assertThat(say(ADA, "/balance")).hasSize(1);
        }

        assertThat(say(ADA, "/balance")).singleElement().satisfies(m -> assertThat(text(m)).contains("slow down").contains(" s."));
        assertThat(say(ADA, "/balance")).isEmpty();
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "rate_limited").count()).isEqualTo(2);

        clock = clock.plusSeconds(60);
        assertThat(say(ADA, "/balance")).hasSize(1);
    }

    @Test
    void adminsAreNotRateLimited() {
        pace = Duration.ofSeconds(1);
        for (int i = 0; i < 15; i++) {
            assertThat(say(TestRules.ADMIN, "/balance")).hasSize(1);
        }
    }

    @Test
    void repliesToCallbacksAreAlwaysAnswered() {
        started(ADA);
        for (String data : List.of("noop", "b", "zzz")) {
            assertThat(tap(ADA, 5, data)).extracting(OutboxMessage::method).contains("answerCallbackQuery");
        }
    }

    // --- /forgetme ---------------------------------------------------------------------------------------------

    /** Ada started, unlocked p1 and got a grant with a reason: something in every place /forgetme must clear. */
    private void adaWithAnUnlockAndAGrant() {
        publish("p1", "Plumber", "Plumbing", "Berlin", T0);
        started(ADA);
        tap(ADA, 200, "u:p1");
        say(TestRules.ADMIN, "/grant 42 5 thanks for the tip about Berlin");
        outbox.readValuesToList();
        ledger.readValuesToList();
        unlocks.readValuesToList();
        audit.readValuesToList();
        users.readValuesToList();
    }

    @Test
    void forgetmeAsksFirstSayingWhatGoesAndWhatStaysAndDeletesNothingYet() {
        adaWithAnUnlockAndAGrant();

        OutboxMessage question = say(ADA, "/forgetme").get(0);

        assertThat(text(question)).contains("1 unlocked contact", "<b>7 credits</b>", "forfeited",
                "credit history, without reasons", "/forgetme confirm");
        assertThat(buttons(question)).containsExactly("fg:y:3", "fg:n:3");
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(users.isEmpty()).isTrue();
        assertThat(buttons(say(ADA, "/unlocked").get(0))).containsExactly("v:p1");
    }

    @Test
    void confirmingForgetsTheProfileAndUnlocksAndForfeitsTheBalanceInOneLedgerEntry() {
        adaWithAnUnlockAndAGrant();
        say(ADA, "/forgetme");

        List<OutboxMessage> done = tap(ADA, 300, "fg:y:3");

        assertThat(text(only(done, OutboxMessage.EDIT_MESSAGE_TEXT))).contains("Done", "7 credits");
        assertThat(users.readValuesToList()).singleElement().satisfies(profile -> {
            assertThat(profile.username()).isNull();
            assertThat(profile.firstName()).isNull();
            assertThat(profile.languageCode()).isNull();
            assertThat(profile.registeredAt()).isNull();
            assertThat(profile.forgottenAt()).isNotNull();
        });
        // The ledger's invariants: one more entry in sequence, taking the balance to 0, with no reason.
        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(LedgerKind.FORGET);
            assertThat(entry.delta()).isEqualTo(-7);
            assertThat(entry.balanceAfter()).isZero();
            assertThat(entry.sequence()).isEqualTo(4);
            assertThat(entry.reason()).isNull();
        });
        assertThat(audit.readValuesToList()).singleElement().satisfies(event -> assertThat(event.action()).isEqualTo("forget"));
        assertThat(text(say(ADA, "/unlocked").get(0))).contains("You have not unlocked any contact yet");
        assertThat(text(say(ADA, "/balance").get(0))).contains("0 credits");
    }

    @Test
    void afterForgettingTheHistoryKeepsAmountsAndBalancesButNoReasons() {
        adaWithAnUnlockAndAGrant();
        say(ADA, "/forgetme confirm");

        String history = text(say(ADA, "/history").get(0));

        assertThat(history).contains("<b>+3</b>", "<b>-1</b>", "<b>+5</b>", "<b>-7</b>", "forget", "(balance 0)");
        assertThat(history).doesNotContain("p1", "Berlin", "signup bonus —", "thanks");
    }

    @Test
    void aUserWhoComesBackAfterForgettingStartsEmptyWithoutASecondBonusAndPaysForAnUnlockAgain() {
        adaWithAnUnlockAndAGrant();
        say(ADA, "/forgetme confirm");
        ledger.readValuesToList();
        users.readValuesToList();

        assertThat(text(say(ADA, "/start").get(0))).contains("0 credits");
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(users.readValuesToList()).singleElement()
                .satisfies(profile -> assertThat(profile.firstName()).isNotNull());
        say(TestRules.ADMIN, "/grant 42 1");
        assertThat(ledger.readValuesToList()).singleElement()
                .satisfies(entry -> assertThat(entry.sequence()).isEqualTo(5));
        OutboxMessage view = say(ADA, "/view p1").get(0);
        assertThat(buttons(view)).contains("u:p1");
    }

    @Test
    void aForgetButtonFromBeforeTheLastChangeOfCreditsOnlyExpires() {
        adaWithAnUnlockAndAGrant();
        say(ADA, "/forgetme");
        say(ADA, "/forgetme confirm");
        ledger.readValuesToList();
        audit.readValuesToList();

        List<OutboxMessage> stale = tap(ADA, 300, "fg:y:3");

        assertThat(only(stale, OutboxMessage.ANSWER_CALLBACK_QUERY).params().get("text")).asString()
                .contains("no longer active");
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(audit.isEmpty()).isTrue();
    }

    @Test
    void keepItDeletesNothing() {
        adaWithAnUnlockAndAGrant();
        say(ADA, "/forgetme");

        assertThat(text(only(tap(ADA, 300, "fg:n:3"), OutboxMessage.EDIT_MESSAGE_TEXT))).contains("Nothing was deleted");
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(buttons(say(ADA, "/unlocked").get(0))).containsExactly("v:p1");
    }

    // --- re-keyed listings ---------------------------------------------------------------------------------------

    @Test
    void anUnlockMadeUnderALegacyIdSurvivesTheReKeyAndNoLegacyIdIsShownAgain() {
        String legacy = "imp-0123456789abcdef";
        String keyed = "imk-fedcba9876543210";
        Listing old = new Listing(legacy, "Glazier", "Repairs", "Bremen", "Windows and mirrors cut to size.",
                TestRules.cipher().encrypt("+49 421 5550199", legacy), ListingStatus.ACTIVE, 0, T0, null, null, T0);
        listingsIn.pipeInput(legacy, old);
        started(ADA);
        tap(ADA, 200, "u:" + legacy);
        assertThat(ledger.readValuesToList()).singleElement().satisfies(entry -> assertThat(entry.delta()).isEqualTo(-1));

        // the re-key, as RekeyListings publishes it: the listing under its keyed id, then the legacy id moved to it
        Instant rekeyedAt = T0.plusSeconds(3600);
        listingsIn.pipeInput(keyed, old.withId(keyed, TestRules.cipher().encrypt("+49 421 5550199", keyed), rekeyedAt));
        listingsIn.pipeInput(legacy, old.movedTo(keyed, rekeyedAt));

        List<OutboxMessage> again = tap(ADA, 200, "u:" + keyed);
        assertThat(only(again, OutboxMessage.ANSWER_CALLBACK_QUERY).params().get("text")).asString().contains("no charge");
        OutboxMessage reveal = only(again, OutboxMessage.EDIT_MESSAGE_TEXT);
        assertThat(TestRules.cipher().decrypt((String) reveal.params().get(OutboxMessage.SEALED_CONTACT), keyed))
                .isEqualTo("+49 421 5550199");
        List<OutboxMessage> oldButton = tap(ADA, 200, "u:" + legacy);
        assertThat(only(oldButton, OutboxMessage.ANSWER_CALLBACK_QUERY).params().get("text")).asString()
                .contains("no charge");
        assertThat(ledger.isEmpty()).as("nothing charged twice").isTrue();
        assertThat(buttons(say(ADA, "/unlocked").get(0))).containsExactly("v:" + keyed);
        assertThat(buttons(say(ADA, "/search glazier").get(0))).containsExactly("v:" + keyed);
        assertThat(text(say(ADA, "/history").get(0))).contains("unlock " + keyed).doesNotContain("imp-");
        assertThat(outbox.readValuesToList()).isEmpty();
    }

}
