package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.html.Html;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.poller.ingress.IngressOffsets;
import io.contactdesk.processor.updates.UserText;
import io.contactdesk.testsupport.CommittedRecords;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile input on the whole running pipeline: poller, processor, notifier and db-writer on a real broker and
 * PostgreSQL, with the sandbox playing Telegram. {@code HostileUpdatesFuzzTest} feeds the processor's topology ten
 * thousand such records; this feeds about a thousand to the real services, where a crash or a stall would show.
 *
 * <p>Given users who started the bot (some with names made of HTML, SQL or invisible characters) and one halfway
 * through a submission; when, interleaved in one seeded order, they type hostile texts and tap forged buttons in the
 * sandbox, a few others /start and ask their /balance, and a misbehaving producer writes broken records, repeated
 * and out-of-order update ids straight to {@code tg.updates}, keyed by user like the poller (sealed with the stack's
 * keyring, so the processor reads them as the ingress's, but for a few broken ones in the clear, which it must refuse);
 * and then everyone asks for their balance once more. Each test checks one consequence. No user goes over the rate limit, so every update
 * that is not broken or repeated must be answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInputScenario {

    private static final long SEED = 20261126L;
    /** A hang guard only: on a quiet machine everything is in well within a minute. */
    private static final Duration PIPELINE = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int HOSTILE_USERS = 32;
    private static final long FIRST_HOSTILE = 770_001;
    private static final int VALID_USERS = 4;
    private static final long FIRST_VALID = 760_001;
    private static final long VICTIM = 780_001;
    /** Users who never opened the bot: only the broken records name them. */
    private static final long FIRST_STRANGER = 790_001;
    private static final int STRANGERS = 50;
    private static final int BROKEN = 720;
    private static final int TEXTS_EACH = 3;
    private static final int TAPS_EACH = 2;
    private static final String BALANCE_3 = "Your balance: <b>3 credits</b>.";
    private static final Set<String> HARMLESS_ANSWERS = Set.of("This button is no longer active.",
            "This conversation has ended.", "This listing is no longer available.", "That page no longer exists.");
    private static final String PROCESSOR = "contactdesk-command-processor";
    private static final String NOTIFIER = "contactdesk-notifier";
    private static final String DB_WRITER = "contactdesk-db-writer";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    abstract LocalStack stack();

    private record Sent(HostileUpdates.Broken record, Future<RecordMetadata> at) {
    }

    private final Random random = new Random(SEED);
    private final List<SandboxUser> hostile = new ArrayList<>();
    private final List<SandboxUser> valid = new ArrayList<>();
    private final Map<Long, Long> welcomeMessage = new HashMap<>();
    private final Map<Long, Integer> messagesSent = new HashMap<>();
    private final Map<Long, Integer> buttonsTapped = new HashMap<>();
    private final List<Sent> broken = new ArrayList<>();
    private SandboxUser victim;
    // Telegram's update ids stop at 2,000,000,000 (telegram-bot-api's TQueue): the highest it can hand out, counting down.
    private long nextDirectId = 2_000_000_000L;
    private int handled;
    private int repeated;
    private Map<String, Double> outcomesBefore;
    private Map<String, List<DeadLetter>> deadLetters;
    private SealedUpdates seals;
    /** The ingress epoch the direct records are sealed in: the poller's, so a repeated sandbox id is a duplicate. */
    private long epoch;

    // --- given, when: the storm, fed once ------------------------------------------------------------------------

    @BeforeAll
    void storm() throws Exception {
        String sandbox = stack().telegramApiUrl();
        outcomesBefore = updateOutcomes();
        // The keyring the stack generated into its data directory (or was given): the one the poller seals with.
        seals = new SealedUpdates(ContactCipher.fromKeyring(
                LocalKeyring.resolve(stack().settings().contactEncryptionKeys(), stack().settings().dataDir())));

        // given users who started the bot, and one who began to submit a listing
        for (int i = 0; i < HOSTILE_USERS; i++) {
            hostile.add(new SandboxUser(sandbox, FIRST_HOSTILE + i, HostileUpdates.NAMES.get(i % HostileUpdates.NAMES.size())));
        }
        for (int i = 0; i < VALID_USERS; i++) {
            valid.add(new SandboxUser(sandbox, FIRST_VALID + i));
        }
        victim = new SandboxUser(sandbox, VICTIM);
        everyone().forEach(user -> send(user, "/start"));
        send(victim, "/submit");
        send(victim, "Reliable plumber");
        awaitEveryReply();
        long botId = Long.parseLong(stack().telegramToken().substring(0, stack().telegramToken().indexOf(':')));
        epoch = new IngressOffsets(stack().kafka()).lastPublished(botId).map(UpdateRef::epoch).orElse(0L);
        everyone().forEach(user -> welcomeMessage.put(user.id(), user.messages().get(0).path("message_id").asLong()));
        JsonNode categoryStep = victim.messages().get(2);
        String session = sessionIn(categoryStep);

        // when the storm comes, interleaved
        List<Deque<Runnable>> actors = new ArrayList<>();
        try (Producer<String, String> producer = producer()) {
            List<String> forged = HostileUpdates.forgedCallbacks(session);
            for (int i = 0; i < hostile.size(); i++) {
                actors.add(hostileUser(hostile.get(i), i, forged, producer));
            }
            for (SandboxUser user : valid) {
                actors.add(new ArrayDeque<>(List.<Runnable>of(() -> send(user, "/balance"), () -> send(user, "/start"),
                        () -> send(user, "/balance"))));
            }
            actors.add(brokenProducer(producer));
            interleave(actors);
            producer.flush();
        }

        // and then the victim goes on with the submission, and everyone asks for their balance once more
        tap(victim, categoryStep.path("message_id").asLong(), "sc:" + session + ":0");
        messagesSent.merge(VICTIM, 1, Integer::sum); // the next step's question
        everyone().forEach(user -> send(user, "/balance"));
        awaitEveryReply();
        try (ConsumerGroups groups = new ConsumerGroups(stack().kafkaBootstrapServers())) {
            await().atMost(PIPELINE).pollInterval(POLL).until(() -> groups.hasDrained(PROCESSOR, Topics.UPDATES.name())
                    && groups.hasDrained(NOTIFIER, Topics.OUTBOX.name()) && groups.hasDrained(DB_WRITER, Topics.USERS.name())
                    && groups.hasDrained(DB_WRITER, Topics.LEDGER.name()));
        }
        System.out.printf("%nHostileInputScenario (seed %d): %d updates through the sandbox and straight to %s, "
                        + "%d of them broken, %d repeated update ids%n",
                SEED, handled + repeated + BROKEN, Topics.UPDATES.name(), BROKEN, repeated);
    }

    /** Three hostile texts, two forged taps, a /balance and a /help or /search with an out-of-order id, some ids repeated. */
    private Deque<Runnable> hostileUser(SandboxUser user, int index, List<String> forged, Producer<String, String> producer) {
        List<Runnable> steps = new ArrayList<>();
        List<String> texts = HostileUpdates.texts(user.id());
        for (int t = 0; t < TEXTS_EACH; t++) {
            String text = texts.get((index * TEXTS_EACH + t) % texts.size());
            steps.add(() -> send(user, text));
        }
        for (int t = 0; t < TAPS_EACH; t++) {
            String data = forged.get((index * TAPS_EACH + t) % forged.size());
            steps.add(() -> tap(user, welcomeMessage.get(user.id()), data));
        }
        AtomicLong balanceId = new AtomicLong();
        Runnable balance = () -> balanceId.set(send(user, "/balance"));
        AtomicReference<String> help = new AtomicReference<>();
        // Well-formed, but no Telegram client sends half a character: only a misbehaving producer can.
        String direct = index % 3 == 2 ? "/search " + HostileUpdates.HALF_CHARACTERS : "/help";
        Runnable outOfOrder = () -> {
            // each direct id is lower than the one before: out of order, as a replay or a forger may send them
            nextDirectId -= 1 + random.nextInt(1000);
            help.set(seals.seal(new UpdateRef(epoch, nextDirectId),
                    HostileUpdates.write(HostileUpdates.message(nextDirectId, user.id(), user.firstName(), direct))));
            producer.send(new ProducerRecord<>(Topics.UPDATES.name(), Long.toString(user.id()), help.get()));
            messagesSent.merge(user.id(), 1, Integer::sum);
            handled++;
        };
        steps.add(balance);
        steps.add(outOfOrder);
        Collections.shuffle(steps, random);
        if (index % 2 == 1) {
            insertLater(steps, outOfOrder, () -> repeat(producer, user, help.get()));
        }
        if (index % 4 == 0) {
            // the id the sandbox gave a /balance, again: whichever of the two comes first is answered, once
            insertLater(steps, balance, () -> repeat(producer, user, seals.seal(new UpdateRef(epoch, balanceId.get()),
                    HostileUpdates.write(HostileUpdates.message(balanceId.get(), user.id(), user.firstName(), "/balance")))));
        }
        return new ArrayDeque<>(steps);
    }

    private Deque<Runnable> brokenProducer(Producer<String, String> producer) {
        HostileUpdates generator = new HostileUpdates(random);
        Deque<Runnable> steps = new ArrayDeque<>();
        for (int i = 0; i < BROKEN; i++) {
            long user = random.nextInt(3) == 0 ? FIRST_STRANGER + random.nextInt(STRANGERS) : FIRST_HOSTILE + random.nextInt(HOSTILE_USERS);
            nextDirectId -= 1 + random.nextInt(1000);
            HostileUpdates.Broken record = generator.broken(user, nextDirectId, seals);
            steps.add(() -> broken.add(new Sent(record,
                    producer.send(new ProducerRecord<>(Topics.UPDATES.name(), record.key(), record.value())))));
        }
        return steps;
    }

    private void insertLater(List<Runnable> steps, Runnable after, Runnable step) {
        int at = steps.indexOf(after) + 1;
        steps.add(at + random.nextInt(steps.size() - at + 1), step);
    }

    /** Every actor's steps in their own order, the actors mixed at random. */
    private void interleave(List<Deque<Runnable>> actors) {
        List<Integer> turns = new ArrayList<>();
        for (int actor = 0; actor < actors.size(); actor++) {
            turns.addAll(Collections.nCopies(actors.get(actor).size(), actor));
        }
        Collections.shuffle(turns, random);
        turns.forEach(actor -> actors.get(actor).removeFirst().run());
    }

    private long send(SandboxUser user, String text) {
        long updateId = user.sends(text);
        messagesSent.merge(user.id(), 1, Integer::sum);
        handled++;
        return updateId;
    }

    private void tap(SandboxUser user, long messageId, String data) {
        user.presses(messageId, data);
        buttonsTapped.merge(user.id(), 1, Integer::sum);
        handled++;
    }

    /** The same update again, in the poller's epoch: as a poller that died before confirming would publish it. */
    private void repeat(Producer<String, String> producer, SandboxUser user, String update) {
        producer.send(new ProducerRecord<>(Topics.UPDATES.name(), Long.toString(user.id()), update));
        repeated++;
    }

    private void awaitEveryReply() {
        await().atMost(PIPELINE).pollInterval(POLL).until(() -> everyone().allMatch(user ->
                user.messages().size() >= messagesSent.get(user.id())
                        && user.callbackAnswers().size() >= buttonsTapped.getOrDefault(user.id(), 0)));
    }

    private static String sessionIn(JsonNode message) {
        for (JsonNode row : message.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                String data = button.path("callback_data").asText();
                if (data.startsWith("sc:")) {
                    return data.split(":")[1];
                }
            }
        }
        throw new AssertionError("no category buttons in " + message);
    }

    private Producer<String, String> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    private Stream<SandboxUser> everyone() {
        return Stream.of(hostile.stream(), valid.stream(), Stream.of(victim)).flatMap(s -> s);
    }

    // --- then: nothing crashed or stalled ------------------------------------------------------------------------

    @Test
    void everyServiceIsStillHealthyAfterTheStorm() {
        assertThat(stack().services()).hasSize(LocalStack.SERVICES_BY_PORT.size()).allSatisfy(service -> {
            HttpResponse<String> health = get("http://localhost:" + service.port() + "/actuator/health");
            assertThat(health.statusCode()).as(service.name()).isEqualTo(200);
            assertThat(json(health.body()).path("status").asText()).as(service.name()).isEqualTo("UP");
        });
    }

    @Test
    void everyUserIsStillAnsweredAfterTheStorm() {
        everyone().forEach(user -> assertThat(last(user.messages()).path("text").asText()).as("user %d", user.id())
                .isEqualTo(BALANCE_3));
    }

    // --- then: every update is handled exactly once, the bad ones harmlessly ---------------------------------------

    @Test
    void everyMessageGetsExactlyOneReplyInTheSendersChat() {
        everyone().forEach(user -> assertThat(user.messages()).as("user %d", user.id()).hasSize(messagesSent.get(user.id())));
    }

    @Test
    void startAndBalanceAmidTheStormAreAnsweredInOrderAsOnAQuietDay() {
        for (SandboxUser user : valid) {
            List<String> texts = user.chat();
            assertThat(texts).as("user %d", user.id()).hasSize(5);
            assertThat(texts.get(0)).startsWith("Welcome, Ada! You have <b>3 credits</b>");
            assertThat(texts.get(2)).startsWith("Welcome back, Ada! You have <b>3 credits</b>");
            assertThat(List.of(texts.get(1), texts.get(3), texts.get(4))).containsOnly(BALANCE_3);
        }
    }

    @Test
    void everyForgedButtonGetsOneHarmlessAnswerAndNothingElse() {
        for (SandboxUser user : hostile) {
            assertThat(user.callbackAnswers()).as("user %d", user.id()).hasSize(TAPS_EACH).allSatisfy(answer -> {
                if (!answer.path("text").isNull()) {
                    assertThat(answer.path("text").asText()).isIn(HARMLESS_ANSWERS);
                }
            });
            // the welcome message that carried the forged taps was not edited
            assertThat(user.messages().get(0).path("edits").asInt()).isZero();
        }
    }

    @Test
    void anotherUsersSessionIdLeavesTheirSubmissionUntouched() {
        assertThat(victim.callbackAnswers()).singleElement()
                .satisfies(answer -> assertThat(answer.path("text").asText()).isEqualTo("Plumbing"));
        assertThat(victim.messages().get(3).path("text").asText()).startsWith("Step 3/5");
    }

    @Test
    void theProcessorHandlesEachUpdateOnceAndDropsEachRepeatedId() {
        Map<String, Double> outcomes = updateOutcomes();
        assertThat(outcomes.get("handled") - outcomesBefore.get("handled")).isEqualTo(handled);
        assertThat(outcomes.get("duplicate") - outcomesBefore.get("duplicate")).isEqualTo(repeated).isPositive();
        assertThat(outcomes.get("dead_lettered") - outcomesBefore.get("dead_lettered")).isEqualTo(BROKEN);
        assertThat(outcomes.get("rate_limited") - outcomesBefore.get("rate_limited")).as("no user was over the limit").isZero();
    }

    // --- then: broken records are dead-lettered, each once, with its reason ------------------------------------------

    @Test
    void everyBrokenRecordIsDeadLetteredOnceWithItsReason() throws Exception {
        Map<String, List<DeadLetter>> byPosition = deadLettersByPosition();
        List<String> wrong = new ArrayList<>();
        for (Sent sent : broken) {
            HostileUpdates.Broken record = sent.record();
            List<DeadLetter> letters = byPosition.getOrDefault(position(sent.at().get()), List.of());
            byte[] payload = record.value() == null ? new byte[0] : record.value().getBytes(StandardCharsets.UTF_8);
            if (letters.size() != 1 || !Objects.equals(letters.get(0).key(), record.key())
                    || !Arrays.equals(letters.get(0).payload(), payload)
                    || !letters.get(0).reason().contains(record.reason())
                    || !letters.get(0).sourceTopic().equals(Topics.UPDATES.name())) {
                wrong.add(record.label() + " (key " + record.key() + "): " + letters.stream().map(DeadLetter::reason).toList());
            }
        }
        assertThat(broken).hasSize(BROKEN);
        assertThat(wrong).as("broken records without exactly one dead letter giving the reason").isEmpty();
    }

    @Test
    void everyRecordInTheClearIsRefusedWhateverItSaysEvenAWellFormedOne() throws Exception {
        List<Sent> clear = broken.stream().filter(sent -> sent.record().label().endsWith("in the clear")).toList();
        assertThat(clear).hasSizeGreaterThan(BROKEN / 16)
                .anySatisfy(sent -> assertThat(sent.record().label()).startsWith("well-formed"));
        Map<String, List<DeadLetter>> byPosition = deadLettersByPosition();
        for (Sent sent : clear) {
            assertThat(byPosition.get(position(sent.at().get()))).as(sent.record().label()).singleElement()
                    .satisfies(letter -> assertThat(letter.reason()).endsWith(HostileUpdates.NOT_SEALED));
        }
    }

    @Test
    void wellFormedUpdatesAreNeverDeadLettered() throws Exception {
        Set<String> brokenPositions = new HashSet<>();
        for (Sent sent : broken) {
            brokenPositions.add(position(sent.at().get()));
        }
        Set<String> ours = new HashSet<>();
        everyone().forEach(user -> ours.add(Long.toString(user.id())));
        List<DeadLetter> others = new ArrayList<>();
        deadLettersByPosition().forEach((position, letters) -> {
            if (!brokenPositions.contains(position)) {
                letters.stream().filter(letter -> ours.contains(letter.key())).forEach(others::add);
            }
        });
        assertThat(others).isEmpty();
    }

    @Test
    void telegramAcceptsEverythingTheBotSentInReply() {
        Set<String> chats = new HashSet<>();
        everyone().forEach(user -> chats.add(Long.toString(user.id())));
        assertThat(CommittedRecords.of(stack().kafkaBootstrapServers(), Topics.OUTBOX_DLQ))
                .filteredOn(letter -> chats.contains(letter.key())).isEmpty();
    }

    // --- then: hostile text stays text, in replies and in PostgreSQL ------------------------------------------------

    @Test
    void namesAndSearchWordsAreEscapedWhereTheBotEchoesThem() {
        for (SandboxUser user : hostile) {
            String name = shownName(user.firstName());
            assertThat(user.messages().get(0).path("text").asText()).startsWith("Welcome, " + Html.escape(name) + "!");
            assertThat(user.plainTexts().get(0)).startsWith("Welcome, " + name + "!");
        }
        List<String> echoes = hostile.stream().flatMap(user -> user.messages().stream())
                .map(message -> message.path("text").asText()).filter(text -> text.startsWith("Nothing matches")).toList();
        assertThat(echoes).contains("Nothing matches <b>" + Html.escape(HostileUpdates.SCRIPT) + "</b>. Try other words, or /browse the categories.",
                "Nothing matches <b>" + Html.escape(HostileUpdates.SQL) + "</b>. Try other words, or /browse the categories.");
        assertThat(everyone().flatMap(user -> user.messages().stream()).map(message -> message.path("text").asText()))
                .noneMatch(text -> text.toLowerCase(Locale.ROOT).contains("<script"));
    }

    @Test
    void noReplyCarriesHalfACharacter() {
        List<String> broken = everyone().flatMap(user -> user.messages().stream()).map(message -> message.path("text").asText())
                .filter(HostileInputScenario::hasUnpairedSurrogate).toList();
        assertThat(broken).as("replies Telegram would refuse: text must be encoded in UTF-8").isEmpty();
    }

    @Test
    void postgreSqlKeepsHostileNamesAsPlainText() {
        Map<Long, String> names = ledger().firstNamesOf(everyone().map(SandboxUser::id).toList());
        everyone().forEach(user -> assertThat(names).as("user %d", user.id()).containsEntry(user.id(), shownName(user.firstName())));
    }

    @Test
    void noCreditsMoveAndEveryLedgerAddsUpToItsBalance() {
        List<Long> ids = everyone().map(SandboxUser::id).toList();
        Map<Long, List<Ledger.Entry>> entries = ledger().entriesOf(ids);
        Map<Long, Long> sums = ledger().summedBalancesOf(ids);
        everyone().forEach(user -> {
            assertThat(entries.get(user.id())).as("user %d", user.id()).containsExactly(new Ledger.Entry(3, 3));
            assertThat(sums.get(user.id())).as("user %d", user.id()).isEqualTo(3L);
        });
    }

    // --- reading what happened -------------------------------------------------------------------------------------

    /** How the processor read a name: control and invisible characters gone. */
    private static String shownName(String firstName) {
        return UserText.clean(UserText.truncate(firstName, 256), false);
    }

    private Ledger ledger() {
        return new Ledger(stack().postgres().jdbcUrl(), stack().postgres().user(), stack().postgres().password());
    }

    /** Read once: the processor has drained {@code tg.updates}, so nothing more comes. */
    private Map<String, List<DeadLetter>> deadLettersByPosition() {
        if (deadLetters != null) {
            return deadLetters;
        }
        Map<String, List<DeadLetter>> byPosition = new HashMap<>();
        for (ConsumerRecord<String, DeadLetter> record : CommittedRecords.of(stack().kafkaBootstrapServers(), Topics.UPDATES_DLQ)) {
            DeadLetter letter = record.value();
            byPosition.computeIfAbsent(letter.partition() + "@" + letter.offset(), p -> new ArrayList<>()).add(letter);
        }
        deadLetters = byPosition;
        return byPosition;
    }

    private static String position(RecordMetadata metadata) {
        return metadata.partition() + "@" + metadata.offset();
    }

    /** The processor's {@code contactdesk_processor_updates_total} by outcome, from its Prometheus endpoint. */
    private Map<String, Double> updateOutcomes() {
        ServiceInstance processor = stack().services().stream().filter(s -> s.name().equals("command-processor"))
                .findFirst().orElseThrow();
        Map<String, Double> outcomes = new HashMap<>(Map.of("handled", 0.0, "duplicate", 0.0, "rate_limited", 0.0,
                "dead_lettered", 0.0));
        for (String line : get("http://localhost:" + processor.port() + "/actuator/prometheus").body().split("\n")) {
            if (line.startsWith("contactdesk_processor_updates_total{")) {
                String outcome = line.replaceAll(".*outcome=\"([a-z_]+)\".*", "$1");
                outcomes.merge(outcome, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return outcomes;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        return text.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    private static JsonNode last(List<JsonNode> messages) {
        return messages.get(messages.size() - 1);
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(url + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
