package io.contactdesk.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contactdesk.contracts.crypto.SealedUpdates;
import io.contactdesk.contracts.directory.Categories;
import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.events.ContactUnlocked;
import io.contactdesk.contracts.events.DeadLetter;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.processor.TestRules;
import io.contactdesk.processor.admin.AccountCommand;
import io.contactdesk.processor.commands.CommandRouter;
import io.contactdesk.processor.moderation.ModerationRequest;
import io.contactdesk.processor.streams.InMemoryStateDirectory;
import io.contactdesk.processor.streams.TopologyDrivers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the topology thousands of malformed and hostile updates, interleaved with dozens of simulated users browsing,
 * searching and unlocking, and checks what comes out: bad records are dead-lettered or answered
 * harmlessly, updates the bot does not use are only counted, groups hear from the bot once and can make it do nothing
 * else, good ones are handled exactly once, and everything the bot would send is valid for Telegram.
 *
 * <p>Given: the corpus generated from {@code new Random(20261125)} (so a failure reproduces), fed once, record by
 * record, with every output attributed to the record that caused it. Each test then checks one behaviour on it.
 * Records are 7 s apart, so no user ever reaches the default rate limit (docs/architecture.md §3).
 *
 * <p>The default run (2,625 hostile records, 75 users, 10 groups) keeps the unit tests quick; its shares of each kind
 * are those of the full corpus, and every test's count threshold scales with it. {@code -DhostileUpdates.scale=4}
 * feeds the full corpus (10,500 hostile records, 300 users, 40 groups; about 100 s on 2 cores).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileUpdatesFuzzTest {

    private static final long SEED = 20261125L;
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration PACE = Duration.ofSeconds(7);
    /** 1 in the default run, 4 for the full corpus: every size and count threshold below is a multiple of it. */
    private static final int SCALE = Integer.getInteger("hostileUpdates.scale", 1);
    private static final int MIN_HOSTILE = 2_625 * SCALE;
    private static final int USERS = 75 * SCALE;
    private static final long FIRST_USER = 10_000;
    private static final int VICTIMS = 5;
    private static final int GROUPS = 10 * SCALE;
    private static final long FIRST_GROUP = -1_001_000_000_000L;
    private static final int SIGNUP_BONUS = 3;
    /** DeadLetter's own bound on reasons (2000 characters and an ellipsis). */
    private static final int MAX_REASON_LENGTH = 2001;
    private static final int MAX_TEXT_LENGTH = 4096;
    private static final int MAX_CALLBACK_ANSWER_LENGTH = 200;
    private static final int MAX_CALLBACK_DATA_BYTES = 64;
    private static final Set<String> TELEGRAM_TAGS = Set.of("b", "i", "u", "s", "code", "pre", "a");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z-]*)((?:\\s+href=\"[^\"<>]*\")?)\\s*>");
    private static final Pattern ENTITY = Pattern.compile("&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");
    /** Characters that hide or reorder what a reader sees: bidi overrides and isolates, zero-width marks, BOM. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]");
    private static final ObjectMapper JSON = Json.mapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IN_THE_CLEAR = "in the clear: ";
    private static final String SQL = "'; DROP TABLE users; --";
    private static final String RTL = "\u202E";
    private static final String ZERO_WIDTH = "\u200B\uFEFF";
    private static final String EMOJI = "😀";
    private static final String HOSTILE_TITLE = "Plumbers <script>x</script> " + EMOJI.repeat(40);
    private static final List<String> ACTIVE = List.of(
            "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "h1", "h" + "x".repeat(39));
    private static final String PENDING = "q1";
    private static final List<String> SEARCH_WORDS = List.of(
            "plumber", "berlin", "tutor", "rome", "script", "café", "zürich", "nothing-here", EMOJI, "drop");

    enum Kind { VALID, DUPLICATE, DEAD_LETTER, FORGED_CALLBACK, HOSTILE_MESSAGE, IGNORED, GROUP }

    /** One record as fed to {@code tg.updates}, with what it should lead to. */
    record Fed(Kind kind, String label, String key, String value, long sender, long updateId) {
        String causeId() {
            return "update:" + updateId;
        }
    }

    /** Everything one fed record led to, on every topic the processor writes. */
    record Effects(List<OutboxMessage> outbox, List<LedgerEntry> ledger, List<UserProfile> users, List<Listing> listings,
                   List<ContactUnlocked> unlocks, List<AuditEvent> audit, List<AccountCommand> accountCommands,
                   List<ModerationRequest> moderation, List<DeadLetter> deadLetters) {

        boolean none() {
            return outbox.isEmpty() && ledger.isEmpty() && users.isEmpty() && listings.isEmpty() && unlocks.isEmpty()
                    && audit.isEmpty() && accountCommands.isEmpty() && moderation.isEmpty() && deadLetters.isEmpty();
        }

        /** No credits, listings, unlocks, moderation, admin actions or account changes of others. */
        boolean changesNothingThatMatters() {
            return ledger.isEmpty() && listings.isEmpty() && unlocks.isEmpty() && audit.isEmpty()
                    && accountCommands.isEmpty() && moderation.isEmpty();
        }
    }

    private record Action(boolean tap, String payload) {
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Random random = new Random(SEED);
    private final SealedUpdates seals = new SealedUpdates(TestRules.cipher());
    private final List<Fed> fed = new ArrayList<>();
    private final List<Effects> effects = new ArrayList<>();
    private final Set<Long> usedUpdateIds = new HashSet<>();
    private final List<Long> startedUsers = new ArrayList<>();
    private final Map<Long, String> victimSessions = new LinkedHashMap<>();
    private final Map<Long, Long> modelBalance = new HashMap<>();
    private final Map<Long, Set<String>> modelUnlocked = new HashMap<>();
    private final List<Fed> fedStarts = new ArrayList<>();
    private final List<Fed> fedValid = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> updates;
    private TestOutputTopic<String, OutboxMessage> outbox;
    private TestOutputTopic<String, LedgerEntry> ledger;
    private TestOutputTopic<String, UserProfile> users;
    private TestOutputTopic<String, Listing> listings;
    private TestOutputTopic<String, ContactUnlocked> unlocks;
    private TestOutputTopic<String, AuditEvent> audit;
    private TestOutputTopic<String, AccountCommand> accountCommands;
    private TestOutputTopic<String, ModerationRequest> moderation;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    /** Records of the processor's own topics whose handling failed, set aside by production's error handling. */
    private TestOutputTopic<byte[], byte[]> handlingSetAside;
    private Throwable failure;
    private Fed failedOn;
    private Instant clock = T0;

    // --- given: the corpus, fed once ---------------------------------------------------------------------------

    @BeforeAll
    void feedTheCorpus(@TempDir(factory = InMemoryStateDirectory.class) Path stateDir) {
        driver = TopologyDrivers.start(new CommandTopology(new CommandRouter(TestRules.rules()), meters, 1).build(),
                "hostile-updates-fuzz-test", stateDir, T0);
        updates = driver.createInputTopic(Topics.UPDATES.name(), new StringSerializer(), new StringSerializer());
        outbox = output(Topics.OUTBOX);
        ledger = output(Topics.LEDGER);
        users = output(Topics.USERS);
        listings = output(Topics.LISTINGS);
        unlocks = output(Topics.UNLOCKS);
        audit = output(Topics.AUDIT);
        accountCommands = output(ProcessorTopics.ACCOUNT_COMMANDS);
        moderation = output(ProcessorTopics.MODERATION);
        deadLetters = output(Topics.UPDATES_DLQ);
        handlingSetAside = driver.createOutputTopic(ProcessorTopics.DEAD_LETTERS, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        publishDirectory();

        Map<Long, Deque<Action>> scripts = new LinkedHashMap<>();
        for (long user = FIRST_USER; user < FIRST_USER + USERS; user++) {
            scripts.put(user, script(user, user < FIRST_USER + VICTIMS));
        }
        List<Long> active = new ArrayList<>(scripts.keySet());
        int hostile = 0;
        while (failure == null && (!active.isEmpty() || hostile < MIN_HOSTILE)) {
            boolean hostileTurn = active.isEmpty() || (hostile < MIN_HOSTILE && random.nextDouble() < 0.76);
            if (hostileTurn) {
                feed(hostile());
                hostile++;
                continue;
            }
            long user = active.get(random.nextInt(active.size()));
            Deque<Action> script = scripts.get(user);
            feed(valid(user, script.removeFirst()));
            if (script.isEmpty()) {
                active.remove(user);
            }
            if (random.nextDouble() < 0.15) {
                List<Fed> pool = random.nextDouble() < 0.4 ? fedStarts : fedValid;
                Fed original = pool.get(random.nextInt(pool.size()));
                feed(new Fed(Kind.DUPLICATE, "duplicate of " + original.causeId(), original.key(), original.value(),
                        original.sender(), original.updateId()));
            }
        }
        printCounts();
    }

    @AfterAll
    void closeTheDriver() {
        driver.close();
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    private void feed(Fed given) {
        clock = clock.plus(PACE);
        // A duplicate is sealed afresh, as a poller that died before confirming publishes the update again.
        Fed record = given.label().startsWith(IN_THE_CLEAR) ? given : sealed(given);
        fed.add(record);
        try {
            updates.pipeInput(record.key(), record.value(), clock);
        } catch (Throwable e) {
            failure = e;
            failedOn = record;
        }
        effects.add(new Effects(outbox.readValuesToList(), ledger.readValuesToList(), users.readValuesToList(),
                listings.readValuesToList(), unlocks.readValuesToList(), audit.readValuesToList(),
                accountCommands.readValuesToList(), moderation.readValuesToList(), deadLetters.readValuesToList()));
    }

    /**
     * The record as the ingress would publish it: whatever Telegram (or a forger posing as Telegram) sent, sealed. The
     * seal names the update's own id when it has a usable one, else an id no other record uses.
     */
    private Fed sealed(Fed record) {
        if (record.value() == null) {
            return record;
        }
        long id = record.updateId();
        if (id <= 0) {
            try {
                JsonNode named = JSON.readTree(record.value()).path("update_id");
                id = named.isInt() && named.asInt() > 0 ? named.asInt() : 0;
            } catch (IOException | RuntimeException e) {
                id = 0;
            }
        }
        if (id <= 0) {
            id = 1_000_000_000L + fed.size();
        }
        return new Fed(record.kind(), record.label(), record.key(), seals.seal(id, record.value()), record.sender(),
                record.updateId());
    }

    private void publishDirectory() {
        TestInputTopic<String, Listing> listingsIn = driver.createInputTopic(Topics.LISTINGS.name(), new StringSerializer(),
                Topics.LISTINGS.valueSerde().serializer());
        String[][] plain = {
                {"p1", "Quick plumber", "Plumbing", "Berlin"}, {"p2", "Night plumber", "Plumbing", "Rome"},
                {"p3", "Pipe fixer", "Plumbing", "Zürich"}, {"p4", "Electrician", "Electrical", "Berlin"},
                {"p5", "Wiring & lights", "Electrical", "Rome"}, {"p6", "Maths tutor", "Tutoring", "Berlin"},
                {"p7", "Piano tutor", "Tutoring", "Café Town"}, {"p8", "Web developer", "IT & Web", "Berlin"},
                {"p9", "Mover", "Moving", "Rome"}, {"p10", "Cleaner", "Cleaning", "Zürich"},
                {"p11", "Lawyer", "Legal", "Berlin"}, {"p12", "Accountant", "Accounting", "Rome"}};
        for (String[] l : plain) {
            listingsIn.pipeInput(l[0], listing(l[0], l[1], l[2], l[3], "A description of " + l[1], ListingStatus.ACTIVE));
        }
        // As hostile as the listing rules let a submission or an import be: markup, SQL, astral characters, full length.
        String description = codePoints((SCRIPT + " & " + SQL + " " + EMOJI + " <b>&amp;</b> ").repeat(40), 1000);
        listingsIn.pipeInput("h1", listing("h1", HOSTILE_TITLE, "Plumbing", "Zürich & <Rome>", description, ListingStatus.ACTIVE));
        String longId = ACTIVE.get(ACTIVE.size() - 1);
        listingsIn.pipeInput(longId, listing(longId, "<b>&amp;</b> " + EMOJI.repeat(70), "IT & Web",
                "x".repeat(60), codePoints("&<>\"'".repeat(200), 1000), ListingStatus.ACTIVE));
        listingsIn.pipeInput(PENDING, listing(PENDING, "Pending", "Plumbing", "Oslo", "Waiting for review", ListingStatus.PENDING));
    }

    private static Listing listing(String id, String title, String category, String city, String description, ListingStatus status) {
        return new Listing(id, title, category, city, description, TestRules.cipher().encrypt("+49 30 1234567", id),
                status, 0, T0, null, null, T0);
    }

    private static String codePoints(String text, int count) {
        return text.substring(0, text.offsetByCodePoints(0, count));
    }

    // --- valid users ------------------------------------------------------------------------------------------

    private Deque<Action> script(long user, boolean victim) {
        Deque<Action> script = new ArrayDeque<>();
        script.add(new Action(false, "/start"));
        if (victim) {
            script.add(new Action(false, "/submit"));
        }
        int actions = 6 + random.nextInt(8);
        for (int i = 0; i < actions; i++) {
            String listing = ACTIVE.get(random.nextInt(ACTIVE.size()));
            script.add(switch (random.nextInt(14)) {
                case 0 -> new Action(false, "/balance");
                case 1 -> new Action(false, "/help");
                case 2 -> new Action(false, "/browse");
                case 3 -> new Action(false, "/history");
                case 4 -> new Action(false, "/unlocked");
                case 5 -> new Action(false, "/start");
                case 6, 7 -> new Action(false, "/search " + word() + (random.nextBoolean() ? "" : " " + word()));
                case 8 -> new Action(false, "/view " + listing);
                case 9, 10 -> new Action(true, "u:" + listing);
                case 11 -> new Action(true, "v:" + listing);
                case 12 -> new Action(true, "c:" + random.nextInt(Categories.DEFAULT.size()) + ":1");
                default -> new Action(true, random.nextBoolean() ? "b" : "noop");
            });
        }
        return script;
    }

    private String word() {
        return SEARCH_WORDS.get(random.nextInt(SEARCH_WORDS.size()));
    }

    private Fed valid(long user, Action action) {
        long id = newUpdateId();
        String json = action.tap()
                ? write(callback(id, user, 1 + random.nextInt(1_000_000), action.payload()))
                : write(message(id, user, action.payload()));
        Fed record = new Fed(Kind.VALID, action.payload(), Long.toString(user), json, user, id);
        fedValid.add(record);
        if (action.payload().equals("/start") && !modelBalance.containsKey(user)) {
            modelBalance.put(user, (long) SIGNUP_BONUS);
            modelUnlocked.put(user, new LinkedHashSet<>());
            fedStarts.add(record);
            if (user >= FIRST_USER + VICTIMS) {
                startedUsers.add(user);
            }
        } else if (action.payload().equals("/submit")) {
            victimSessions.put(user, Long.toString(id, 36));
        } else if (action.tap() && action.payload().startsWith("u:")) {
            String listing = action.payload().substring(2);
            if (!modelUnlocked.get(user).contains(listing) && modelBalance.get(user) >= 1) {
                modelUnlocked.get(user).add(listing);
                modelBalance.merge(user, -1L, Long::sum);
            }
        }
        return record;
    }

    /** Random, unique and so out of order: Telegram's ids only grow, but a replay or a forger need not care. */
    private long newUpdateId() {
        long id;
        do {
            id = 1 + random.nextInt(900_000_000);
        } while (!usedUpdateIds.add(id));
        return id;
    }

    // --- hostile records -----------------------------------------------------------------------------------------

    private Fed hostile() {
        if (!startedUsers.isEmpty() && random.nextDouble() < 0.03) {
            return inTheClear();
        }
        if (startedUsers.isEmpty() || random.nextDouble() < 0.62) {
            return deadLetterCandidate();
        }
        double which = random.nextDouble();
        return which < 0.42 ? forgedCallback() : which < 0.84 ? hostileMessage() : groupMessage();
    }

    /** A well-formed update the ingress never sealed: someone producing to tg.updates directly, as an admin or a user. */
    private Fed inTheClear() {
        long user = random.nextBoolean() ? TestRules.ADMIN : startedUser();
        long id = newUpdateId();
        String text = pick(List.of("/start", "/grant " + startedUser() + " 1000", "/balance", "/stats", "/ban " + startedUser()));
        return dead(IN_THE_CLEAR + text, Long.toString(user), write(message(id, user, text)));
    }

    /** A person in a group, keyed by the group as the ingress keys it, trying what works in a private chat. */
    private Fed groupMessage() {
        long user = startedUser();
        long id = newUpdateId();
        long group = FIRST_GROUP - random.nextInt(GROUPS);
        String text = pick(List.of("/start", "/balance", "/view p1", "/grant " + user + " 1000", "/unlocked", "/submit",
                "/search plumber", "u:p1", "+49 170 1234567", SCRIPT, "/start@contactdesk_bot", "/help"));
        ObjectNode update = message(id, user, text);
        ((ObjectNode) update.get("message")).set("chat", NODES.objectNode().put("id", group)
                .put("type", random.nextBoolean() ? "group" : "supergroup").put("title", SCRIPT));
        return new Fed(Kind.GROUP, "in group " + group + ": " + text, Long.toString(group), write(update), user, id);
    }

    private long anyUser() {
        return FIRST_USER + random.nextInt(USERS);
    }

    private long startedUser() {
        return startedUsers.get(random.nextInt(startedUsers.size()));
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private Fed dead(String label, String key, String value) {
        return new Fed(Kind.DEAD_LETTER, label, key, value, 0, 0);
    }

    private Fed deadLetterCandidate() {
        long user = anyUser();
        long id = newUpdateId();
        ObjectNode update = random.nextBoolean()
                ? message(id, user, pick(List.of("/start", "/balance", "hello", "/search plumber")))
                : callback(id, user, 1 + random.nextInt(1000), pick(List.of("b", "u:p1", "noop", "c:0:1")));
        boolean isMessage = update.has("message");
        ObjectNode body = (ObjectNode) update.get(isMessage ? "message" : "callback_query");
        String key = Long.toString(user);
        int which = random.nextInt(100);
        if (which < 10) {
            String json = write(update);
            return dead("truncated JSON", key, json.substring(0, random.nextInt(json.length())));
        }
        if (which < 16) {
            String json = write(update);
            return dead("wrong brackets", key, switch (random.nextInt(4)) {
                case 0 -> json.substring(0, json.length() - 1) + "]";
                case 1 -> "[" + json.substring(1);
                case 2 -> json.replaceFirst("\\{", "(");
                default -> json.replace("}", "]");
            });
        }
        if (which < 26) {
            return dead("not an update", key, pick(List.of("", " ", "\n\t \r\n", "null", "[]", "[1,2,3]", "[" + write(update) + "]",
                    "42", "-1", "0", "3.14", "1e400", "99999999999999999999999999", "true", "false", "\"update\"", "{}",
                    "{\"update_id\":5}", "{\"update_id\":null}", "<xml/>", SQL, SCRIPT, "\u0000\u0001\u0002", "{\"a\":1,}",
                    "{'update_id':1}", "{update_id:1}", "NaN", "\uFEFF{}", RTL + "{}")));
        }
        if (which < 28) {
            return dead("deeply nested", key, random.nextBoolean() ? "[".repeat(5000)
                    : "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));
        }
        if (which < 31) {
            StringBuilder garbage = new StringBuilder();
            int length = 1 + random.nextInt(300);
            for (int i = 0; i < length; i++) {
                garbage.append((char) random.nextInt(0x10000));
            }
            return dead("garbage characters", key, garbage.toString());
        }
        if (which < 33) {
            return dead("tombstone", key, null);
        }
        if (which < 43) {
            if (isMessage) {
                switch (random.nextInt(5)) {
                    case 0 -> update.remove("update_id");
                    case 1 -> update.remove("message");
                    case 2 -> body.remove("from");
                    case 3 -> body.remove("chat");
                    default -> body.remove("message_id");
                }
            } else {
                switch (random.nextInt(3)) {
                    case 0 -> update.remove("update_id");
                    case 1 -> body.remove("id");
                    default -> body.remove("from");
                }
            }
            return dead("missing field", key, write(update));
        }
        if (which < 58) {
            return wrongType(update, isMessage, key);
        }
        if (which < 59) {
            // 100 KB: a text no Telegram client can send, or callback data far beyond 64 bytes
            String big = (SCRIPT + SQL + RTL + ZERO_WIDTH + EMOJI + "A").repeat(100_000 / 60);
            if (isMessage) {
                body.put("text", big);
            } else {
                body.put("data", big);
            }
            return dead("100 KB", key, write(update));
        }
        if (which < 63) {
            ObjectNode query = callback(id, user, 7, pick(List.of("x".repeat(65), "€".repeat(22), "u:" + "a".repeat(63),
                    EMOJI.repeat(17), "ma:" + "q".repeat(62))));
            return dead("callback data over 64 bytes", key, write(query));
        }
        if (which < 71) {
            return dead("key is not the sender", pick(Arrays.asList(Long.toString(user + 1), "abc", "", null, " " + user,
                    user + " ", "+" + user, "0" + user, Long.toString(TestRules.ADMIN), "-" + user)), write(update));
        }
        if (which < 78) {
            // Types the bot does not use are counted and left alone, whatever they hold; my_chat_member it reads.
            ObjectNode other = NODES.objectNode();
            other.put("update_id", id);
            String type = pick(List.of("edited_message", "channel_post", "edited_channel_post", "my_chat_member",
                    "inline_query", "message_reaction", "business_message", "future_update_type"));
            other.set(type, body);
            return type.equals("my_chat_member") ? dead("my_chat_member without its members", key, write(other))
                    : new Fed(Kind.IGNORED, "other update kind " + type, key, write(other), user, id);
        }
        if (which < 86) {
            ((ObjectNode) body.get("from")).put("is_bot", true);
            return dead("from a bot", key, write(update));
        }
        if (which < 92) {
            // A group keyed by the sender, or someone else's private chat: replies would reach other people.
            long chat = pick(List.of(-100_123_456_789L, -42L, user + 1, (long) TestRules.ADMIN, 0L));
            ObjectNode chatNode = NODES.objectNode().put("id", chat).put("type", chat < 0 ? "supergroup" : "private");
            if (isMessage) {
                body.set("chat", chatNode);
            } else {
                ((ObjectNode) body.get("message")).set("chat", chatNode);
            }
            if (!isMessage && chat < 0) {
                // A tap in a group: the bot never puts buttons there, so it is left alone.
                return new Fed(Kind.IGNORED, "tap in a group", key, write(update), user, id);
            }
            return dead("not the sender's private chat", key, write(update));
        }
        return wrongType(update, isMessage, key);
    }

    private Fed wrongType(ObjectNode update, boolean isMessage, String key) {
        ObjectNode body = (ObjectNode) update.get(isMessage ? "message" : "callback_query");
        List<JsonNode> bad = List.of(NODES.textNode("123"), NODES.numberNode(1.5), NODES.numberNode(-5), NODES.numberNode(0),
                NODES.booleanNode(true), NODES.objectNode().put("id", 1), NODES.arrayNode().add(1),
                NODES.numberNode(new BigInteger("99999999999999999999999")), NODES.numberNode(new BigInteger("9223372036854775808")),
                NODES.numberNode(1e3), NODES.nullNode());
        JsonNode value = pick(bad);
        String field;
        if (isMessage) {
            field = pick(List.of("update_id", "from.id", "chat.id", "message_id", "text", "message", "from"));
        } else {
            field = pick(List.of("update_id", "from.id", "callback_query", "from"));
        }
        switch (field) {
            case "update_id" -> update.set("update_id", value);
            case "message", "callback_query" -> {
                value = value.isObject() ? NODES.textNode("{}") : value;
                update.set(field, value);
            }
            case "from" -> {
                value = value.isObject() ? NODES.objectNode().put("id", "1") : value;
                body.set("from", value);
            }
            case "from.id" -> ((ObjectNode) body.get("from")).set("id", value);
            case "chat.id" -> ((ObjectNode) body.get("chat")).set("id", value);
            case "message_id" -> body.set("message_id", value);
            default -> body.set("text", value.isTextual() || value.isNull() ? NODES.numberNode(7) : value);
        }
        return dead("wrong type of " + field + ": " + value, key, write(update));
    }

    private Fed forgedCallback() {
        long user = startedUser();
        long id = newUpdateId();
        String victim = victimSessions.isEmpty() ? "zz" : pick(new ArrayList<>(victimSessions.values()));
        String data = pick(List.of("u:../../x", "u:../../../etc/passwd", "ma:" + PENDING, "mr:" + PENDING, "ma:p1",
                "mr:h1", "sc:" + victim + ":1", "sc:" + victim + ":99", "sy:" + victim, "sn:" + victim,
                "x".repeat(64), "u:" + "a".repeat(62), "€".repeat(21) + "x", "", "c:99:1", "c:0:9999", "u:nope",
                "u:" + PENDING, "v:nope", "v:" + PENDING, "noop", SCRIPT, SQL, RTL + "u:p1", "u:p1\u200B", "u:p1 ",
                "U:p1", "u:P1", EMOJI + EMOJI, "u:p1;DROP", "c:-1:1", "c:0:-1", "s:" + SCRIPT, "\u0000"));
        ObjectNode update = callback(id, user, 1 + random.nextInt(1000), data);
        ObjectNode query = (ObjectNode) update.get("callback_query");
        switch (random.nextInt(6)) {
            case 0 -> query.remove("message");
            case 1 -> query.remove("data");
            case 2 -> query.put("data", 42);
            default -> {
            }
        }
        return new Fed(Kind.FORGED_CALLBACK, "forged callback " + query.get("data"), Long.toString(user), write(update), user, id);
    }

    private Fed hostileMessage() {
        long user = startedUser();
        long id = newUpdateId();
        String text = pick(List.of(SCRIPT, SQL, RTL + "gnp.exe", ZERO_WIDTH, EMOJI + "🧑‍💻𝔘𝔫𝔦𝔠𝔬𝔡𝔢𠜎", "x".repeat(4096),
                EMOJI.repeat(2048), "/search " + SCRIPT, "/search " + SQL, "/search " + RTL + ZERO_WIDTH + "plumber",
                "/search a" + EMOJI.repeat(60), "/search " + "x".repeat(4000), "/search " + "&amp;<b>", "/view ../../etc/passwd",
                "/view " + SCRIPT, "/view " + "p1".repeat(2000), "/view " + PENDING, "/view", "/grant " + user + " 1000000",
                "/revoke " + (user + 1) + " 5", "/ban " + TestRules.ADMIN, "/unban " + user, "/stats", "/addlisting", "/",
                "//", "/start@evil_bot", "/START", "/balance\u0000", "", " ", "\n\n", "<b>bold</b><i>",
                "&amp;&lt;", "<a href=\"javascript:alert(1)\">x</a>", "/cancel", "/history " + SCRIPT, "/unlocked " + SQL,
                "/help" + RTL));
        ObjectNode update = message(id, user, text);
        ObjectNode message = (ObjectNode) update.get("message");
        ObjectNode from = (ObjectNode) message.get("from");
        switch (random.nextInt(8)) {
            case 0 -> {
                // hostile names, shown back by "welcome back"
                message.put("text", "/start");
                from.put("first_name", pick(List.of(SCRIPT, SQL, RTL + "evil", ZERO_WIDTH, "a" + EMOJI.repeat(200),
                        "𝔄𝔡𝔞", "B".repeat(100_000), "&amp;", "<b>Ada")));
            }
            case 1 -> {
                from.set("first_name", NODES.objectNode().put("x", 1));
                from.set("username", NODES.numberNode(5));
                from.set("language_code", NODES.arrayNode().add("en"));
            }
            case 2 -> message.remove("text"); // a photo, a sticker: no text at all
            default -> {
            }
        }
        return new Fed(Kind.HOSTILE_MESSAGE, "hostile message " + abbreviate(message.path("text").asText("<none>")),
                Long.toString(user), write(update), user, id);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
    }

    // --- update JSON -----------------------------------------------------------------------------------------------

    private static ObjectNode from(long userId) {
        return NODES.objectNode().put("id", userId).put("is_bot", false).put("first_name", "Ada")
                .put("username", "user" + userId).put("language_code", "en");
    }

    private static ObjectNode message(long updateId, long userId, String text) {
        ObjectNode update = NODES.objectNode().put("update_id", updateId);
        ObjectNode message = update.putObject("message");
        message.put("message_id", 1 + updateId % 1_000_000);
        message.set("from", from(userId));
        message.set("chat", NODES.objectNode().put("id", userId).put("type", "private"));
        message.put("date", 1_764_000_000);
        message.put("text", text);
        return update;
    }

    private static ObjectNode callback(long updateId, long userId, long messageId, String data) {
        ObjectNode update = NODES.objectNode().put("update_id", updateId);
        ObjectNode query = update.putObject("callback_query");
        query.put("id", "cb-" + updateId);
        query.set("from", from(userId));
        ObjectNode message = query.putObject("message");
        message.put("message_id", messageId);
        message.set("chat", NODES.objectNode().put("id", userId).put("type", "private"));
        message.put("date", 1_764_000_000);
        query.put("chat_instance", "ci");
        query.put("data", data);
        return update;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- reading the outputs ---------------------------------------------------------------------------------------

    private List<Integer> indicesOf(Kind kind) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < effects.size(); i++) {
            if (fed.get(i).kind() == kind) {
                indices.add(i);
            }
        }
        return indices;
    }

    private List<OutboxMessage> allOutbox() {
        return effects.stream().flatMap(e -> e.outbox().stream()).toList();
    }

    private List<LedgerEntry> allLedger() {
        return effects.stream().flatMap(e -> e.ledger().stream()).toList();
    }

    private static String describe(Fed record, Effects effect) {
        return record.kind() + " \"" + record.label() + "\" key=" + record.key() + " value="
                + (record.value() == null ? "null" : abbreviate(record.value())) + " → " + effect;
    }

    private void printCounts() {
        long deadLettered = effects.stream().mapToLong(e -> e.deadLetters().size()).sum();
        long harmless = 0;
        for (int i = 0; i < effects.size(); i++) {
            Kind kind = fed.get(i).kind();
            if ((kind == Kind.FORGED_CALLBACK || kind == Kind.HOSTILE_MESSAGE) && !effects.get(i).outbox().isEmpty()
                    && effects.get(i).changesNothingThatMatters() && effects.get(i).deadLetters().isEmpty()) {
                harmless++;
            }
        }
        System.out.printf(Locale.ROOT, "%nHostileUpdatesFuzzTest (seed %d): total fed %d; valid %d; hostile %d "
                        + "(malformed %d, forged callbacks %d, hostile messages %d, ignored %d, in groups %d); "
                        + "dead-lettered %d; answered harmlessly %d; "
                        + "duplicates fed %d, dropped %.0f; outbox messages %d; ledger entries %d%n",
                SEED, fed.size(), indicesOf(Kind.VALID).size(),
                fed.size() - indicesOf(Kind.VALID).size() - indicesOf(Kind.DUPLICATE).size(),
                indicesOf(Kind.DEAD_LETTER).size(), indicesOf(Kind.FORGED_CALLBACK).size(),
                indicesOf(Kind.HOSTILE_MESSAGE).size(), indicesOf(Kind.IGNORED).size(), indicesOf(Kind.GROUP).size(),
                deadLettered, harmless, indicesOf(Kind.DUPLICATE).size(),
                meters.counter("contactdesk.processor.updates", "outcome", "duplicate").count(),
                allOutbox().size(), allLedger().size());
    }

    // --- then: the stream survives ---------------------------------------------------------------------------------

    @Test
    void theTopologyNeverThrowsWhateverIsFedToIt() {
        assertThat(failure).as("the exception on %s", failedOn == null ? null : describe(failedOn, null)).isNull();
        assertThat(handlingSetAside.getQueueSize()).as("records whose handling failed").isZero();
        assertThat(fed.size() - indicesOf(Kind.VALID).size() - indicesOf(Kind.DUPLICATE).size())
                .isGreaterThanOrEqualTo(MIN_HOSTILE);
        assertThat(indicesOf(Kind.VALID)).hasSizeGreaterThan(USERS * 5);
    }

    // --- then: bad records are dead-lettered or answered harmlessly ---------------------------------------------

    @Test
    void everyMalformedRecordIsDeadLetteredOnceWithABoundedReasonAndNothingElse() {
        List<Integer> malformed = indicesOf(Kind.DEAD_LETTER);
        assertThat(malformed).hasSizeGreaterThan(1_250 * SCALE);
        for (int i : malformed) {
            Fed record = fed.get(i);
            Effects effect = effects.get(i);
            assertThat(effect.deadLetters()).as(describe(record, effect)).hasSize(1);
            assertThat(new Effects(effect.outbox(), effect.ledger(), effect.users(), effect.listings(), effect.unlocks(),
                    effect.audit(), effect.accountCommands(), effect.moderation(), List.of()).none())
                    .as(describe(record, effect)).isTrue();
            DeadLetter letter = effect.deadLetters().get(0);
            assertThat(letter.sourceTopic()).isEqualTo(Topics.UPDATES.name());
            assertThat(letter.key()).isEqualTo(record.key());
            assertThat(letter.payload()).isEqualTo(record.value() == null ? new byte[0]
                    : record.value().getBytes(StandardCharsets.UTF_8));
            assertThat(letter.reason()).as(describe(record, effect)).isNotBlank().hasSizeLessThanOrEqualTo(MAX_REASON_LENGTH);
            if (record.value() != null && record.value().length() > 10_000) {
                String sample = record.value().substring(record.value().length() / 2, record.value().length() / 2 + 200);
                assertThat(letter.reason()).as("the reason does not echo the payload").doesNotContain(sample);
            }
        }
    }

    @Test
    void everyRecordInTheClearIsDeadLetteredBecauseOnlyTheIngressMayPublish() {
        List<Integer> clear = indicesOf(Kind.DEAD_LETTER).stream()
                .filter(i -> fed.get(i).label().startsWith(IN_THE_CLEAR)).toList();
        assertThat(clear).hasSizeGreaterThan(12 * SCALE);
        for (int i : clear) {
            assertThat(effects.get(i).deadLetters()).as(describe(fed.get(i), effects.get(i))).singleElement()
                    .satisfies(letter -> assertThat(letter.reason()).endsWith("not sealed: only the ingress may publish updates"));
        }
    }

    @Test
    void wellFormedRecordsAreNeverDeadLettered() {
        for (int i = 0; i < fed.size(); i++) {
            if (fed.get(i).kind() != Kind.DEAD_LETTER) {
                assertThat(effects.get(i).deadLetters()).as(describe(fed.get(i), effects.get(i))).isEmpty();
            }
        }
    }

    @Test
    void aForgedCallbackGetsOneAnswerAndChangesNothing() {
        List<Integer> forged = indicesOf(Kind.FORGED_CALLBACK);
        assertThat(forged).hasSizeGreaterThan(250 * SCALE);
        for (int i : forged) {
            Fed record = fed.get(i);
            Effects effect = effects.get(i);
            assertThat(effect.outbox()).as(describe(record, effect)).singleElement().satisfies(answer -> {
                assertThat(answer.method()).isEqualTo(OutboxMessage.ANSWER_CALLBACK_QUERY);
                assertThat(answer.chatId()).isEqualTo(record.sender());
                assertThat(answer.causeId()).isEqualTo(record.causeId());
            });
            assertThat(effect.changesNothingThatMatters()).as(describe(record, effect)).isTrue();
        }
    }

    @Test
    void aHostileMessageIsAnsweredInTheSendersChatWithoutCreditsListingsOrContacts() {
        List<Integer> hostile = indicesOf(Kind.HOSTILE_MESSAGE);
        assertThat(hostile).hasSizeGreaterThan(250 * SCALE);
        for (int i : hostile) {
            Fed record = fed.get(i);
            Effects effect = effects.get(i);
            assertThat(effect.outbox()).as(describe(record, effect)).isNotEmpty().allSatisfy(reply -> {
                assertThat(reply.chatId()).isEqualTo(record.sender());
                assertThat(reply.causeId()).isEqualTo(record.causeId());
                assertThat(reply.revealsContact()).isFalse();
            });
            assertThat(effect.changesNothingThatMatters()).as(describe(record, effect)).isTrue();
        }
    }

    @Test
    void anUpdateTheBotDoesNotUseHasNoEffectButACount() {
        List<Integer> ignored = indicesOf(Kind.IGNORED);
        assertThat(ignored).hasSizeGreaterThan(75 * SCALE);
        for (int i : ignored) {
            assertThat(effects.get(i).none()).as(describe(fed.get(i), effects.get(i))).isTrue();
        }
        long groupsAlreadyTold = indicesOf(Kind.GROUP).stream().filter(i -> effects.get(i).outbox().isEmpty()).count();
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "ignored").count())
                .isEqualTo(ignored.size() + groupsAlreadyTold);
    }

    @Test
    void aGroupHearsOnceThatTheBotWorksInPrivateChatsAndCanMakeItDoNothingElse() {
        List<Integer> inGroups = indicesOf(Kind.GROUP);
        assertThat(inGroups).hasSizeGreaterThan(125 * SCALE);
        Map<Long, Integer> noticesByChat = new HashMap<>();
        for (int i : inGroups) {
            Fed record = fed.get(i);
            Effects effect = effects.get(i);
            long group = Long.parseLong(record.key());
            assertThat(effect.outbox()).as(describe(record, effect)).allSatisfy(notice -> {
                assertThat(notice.chatId()).isEqualTo(group);
                assertThat(notice.revealsContact()).isFalse();
                assertThat((String) notice.params().get("text")).contains("private chat");
                noticesByChat.merge(notice.chatId(), 1, Integer::sum);
            });
            assertThat(effect.changesNothingThatMatters() && effect.users().isEmpty() && effect.deadLetters().isEmpty())
                    .as(describe(record, effect)).isTrue();
        }
        assertThat(noticesByChat).hasSize(GROUPS).allSatisfy((chat, notices) -> assertThat(notices).isEqualTo(1));
    }

    // --- then: valid updates are handled exactly once ----------------------------------------------------------

    @Test
    void everyValidUpdateIsAnsweredInTheUsersChat() {
        Map<String, Integer> repliesByCause = new HashMap<>();
        for (OutboxMessage message : allOutbox()) {
            repliesByCause.merge(message.causeId(), 1, Integer::sum);
        }
        for (int i : indicesOf(Kind.VALID)) {
            Fed record = fed.get(i);
            assertThat(repliesByCause.getOrDefault(record.causeId(), 0)).as(describe(record, effects.get(i))).isPositive();
            assertThat(effects.get(i).outbox()).allSatisfy(reply -> assertThat(reply.chatId()).isEqualTo(record.sender()));
        }
    }

    @Test
    void anExactDuplicateOfAValidUpdateHasNoEffectAtAll() {
        List<Integer> duplicates = indicesOf(Kind.DUPLICATE);
        assertThat(duplicates).hasSizeGreaterThan(25 * SCALE);
        for (int i : duplicates) {
            assertThat(effects.get(i).none()).as(describe(fed.get(i), effects.get(i))).isTrue();
        }
        assertThat(meters.counter("contactdesk.processor.updates", "outcome", "duplicate").count())
                .isEqualTo(duplicates.size());
    }

    @Test
    void eachUserGetsTheSignupBonusExactlyOnceHoweverOftenStartArrives() {
        Set<Long> startIds = new HashSet<>();
        indicesOf(Kind.VALID).stream().map(fed::get).filter(r -> r.label().equals("/start")).forEach(r -> startIds.add(r.updateId()));
        Map<Long, Long> startsFed = new HashMap<>();
        for (Fed record : fed) {
            if ((record.kind() == Kind.VALID || record.kind() == Kind.DUPLICATE) && startIds.contains(record.updateId())) {
                startsFed.merge(record.sender(), 1L, Long::sum);
            }
        }
        assertThat(startsFed.values().stream().filter(n -> n > 1)).as("users fed /start more than once").hasSizeGreaterThan(12 * SCALE);
        Map<Long, List<LedgerEntry>> bonuses = new HashMap<>();
        for (LedgerEntry entry : allLedger()) {
            if (entry.kind() == LedgerKind.SIGNUP_BONUS) {
                bonuses.computeIfAbsent(entry.userId(), u -> new ArrayList<>()).add(entry);
            }
        }
        for (Fed start : fedStarts) {
            assertThat(bonuses.get(start.sender())).as("bonuses of %d", start.sender()).singleElement().satisfies(bonus -> {
                assertThat(bonus.causeId()).isEqualTo(start.causeId());
                assertThat(bonus.delta()).isEqualTo(SIGNUP_BONUS);
            });
        }
        assertThat(bonuses).hasSize(fedStarts.size());
    }

    @Test
    void onlyValidUpdatesMoveCreditsAndEachBalanceIsWhatTheUsersOwnTapsMadeIt() {
        Set<String> validCauses = new HashSet<>();
        indicesOf(Kind.VALID).forEach(i -> validCauses.add(fed.get(i).causeId()));
        Set<String> entryIds = new HashSet<>();
        Map<Long, Set<String>> charged = new HashMap<>();
        Map<Long, Long> lastBalance = new HashMap<>();
        for (LedgerEntry entry : allLedger()) {
            assertThat(entryIds.add(entry.entryId())).as("entry id %s once", entry.entryId()).isTrue();
            assertThat(validCauses).as("the cause of %s", entry).contains(entry.causeId());
            if (entry.kind() == LedgerKind.UNLOCK) {
                assertThat(charged.computeIfAbsent(entry.userId(), u -> new HashSet<>()).add(entry.reason()))
                        .as("%s charged once", entry.reason()).isTrue();
            }
            lastBalance.put(entry.userId(), entry.balanceAfter());
        }
        assertThat(lastBalance).isEqualTo(modelBalance);
        assertThat(modelBalance.values()).as("some users spent everything").contains(0L);
    }

    @Test
    void perUserTheLedgerSumsToTheLastBalanceAndNeverGoesNegative() {
        Map<Long, Long> sums = new HashMap<>();
        Map<Long, Long> last = new HashMap<>();
        for (LedgerEntry entry : allLedger()) {
            long sum = sums.merge(entry.userId(), entry.delta(), Long::sum);
            assertThat(entry.balanceAfter()).as("%s", entry).isEqualTo(sum).isNotNegative();
            last.put(entry.userId(), entry.balanceAfter());
        }
        assertThat(sums).isEqualTo(last).isNotEmpty();
    }

    // --- then: everything the bot says is valid for Telegram ---------------------------------------------------

    @Test
    void everyTextIsWellFormedTelegramHtmlWithUserInputEscaped() {
        for (OutboxMessage message : allOutbox()) {
            if (message.method().equals(OutboxMessage.ANSWER_CALLBACK_QUERY)) {
                continue;
            }
            String text = (String) message.params().get("text");
            assertThat(message.params()).containsEntry("parse_mode", "HTML");
            assertThat(text).as(message.outboxId()).isNotBlank().doesNotContainIgnoringCase("<script");
            visibleLength(text, message.outboxId());
        }
    }

    @Test
    void noTextHidesOrReordersWhatTheReaderSeesOrCarriesBrokenCharacters() {
        for (OutboxMessage message : allOutbox()) {
            List<String> texts = new ArrayList<>();
            if (message.params().get("text") != null) {
                texts.add((String) message.params().get("text"));
            }
            buttons(message).forEach(button -> texts.add(String.valueOf(button.get("text"))));
            for (String text : texts) {
                assertThat(INVISIBLE.matcher(text).find()).as("invisible characters in %s: %s", message.outboxId(), abbreviate(text))
                        .isFalse();
                assertThat(unpairedSurrogateAt(text)).as("unpaired surrogate in %s: %s", message.outboxId(), text).isNegative();
            }
        }
    }

    @Test
    void noTextIsLongerThanTelegramAllows() {
        int longest = 0;
        for (OutboxMessage message : allOutbox()) {
            String text = (String) message.params().get("text");
            if (text == null) {
                continue;
            }
            if (message.method().equals(OutboxMessage.ANSWER_CALLBACK_QUERY)) {
                assertThat(text.length()).as(text).isLessThanOrEqualTo(MAX_CALLBACK_ANSWER_LENGTH);
            } else {
                // Telegram counts the text after entity parsing, in UTF-16 code units.
                int visible = visibleLength(text, message.outboxId());
                assertThat(visible).as("%s: %s", message.outboxId(), abbreviate(text)).isLessThanOrEqualTo(MAX_TEXT_LENGTH);
                longest = Math.max(longest, visible);
            }
        }
        assertThat(longest).as("some long text was rendered").isGreaterThan(1000);
    }

    @Test
    void everyButtonCarriesCallbackDataOfOneTo64Bytes() {
        int buttons = 0;
        for (OutboxMessage message : allOutbox()) {
            for (Map<?, ?> button : buttons(message)) {
                Object data = button.get("callback_data");
                assertThat(data).as("%s in %s", button, message.outboxId()).isInstanceOf(String.class);
                int bytes = ((String) data).getBytes(StandardCharsets.UTF_8).length;
                assertThat(bytes).as("%s", data).isBetween(1, MAX_CALLBACK_DATA_BYTES);
                assertThat((String) button.get("text")).isNotBlank();
                buttons++;
            }
        }
        assertThat(buttons).isGreaterThan(250 * SCALE);
    }

    // --- helpers for Telegram's rules --------------------------------------------------------------------------

    private static List<Map<?, ?>> buttons(OutboxMessage message) {
        Object markup = message.params().get("reply_markup");
        if (markup == null) {
            return List.of();
        }
        Map<?, ?> keyboard = JSON.convertValue(markup, Map.class);
        List<Map<?, ?>> all = new ArrayList<>();
        for (Object row : (List<?>) keyboard.get("inline_keyboard")) {
            for (Object button : (List<?>) row) {
                all.add((Map<?, ?>) button);
            }
        }
        return all;
    }

    /** Validates Telegram HTML (tags b, i, u, s, code, pre, a; balanced; entities only) and returns the visible length. */
    private static int visibleLength(String html, String where) {
        Deque<String> open = new ArrayDeque<>();
        int visible = 0;
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher tag = TAG.matcher(html).region(i, html.length());
                assertThat(tag.lookingAt()).as("a raw '<' in %s at %d: %s", where, i, context(html, i)).isTrue();
                String name = tag.group(2);
                assertThat(TELEGRAM_TAGS).as("tag <%s> in %s: %s", name, where, context(html, i)).contains(name);
                if (tag.group(1).isEmpty()) {
                    assertThat(tag.group(3).isEmpty() || name.equals("a")).as("attributes in %s", where).isTrue();
                    open.push(name);
                } else {
                    assertThat(open.isEmpty() ? null : open.pop()).as("closing </%s> in %s: %s", name, where, context(html, i))
                            .isEqualTo(name);
                }
                i = tag.end();
            } else if (c == '&') {
                Matcher entity = ENTITY.matcher(html).region(i, html.length());
                assertThat(entity.lookingAt()).as("a raw '&' in %s: %s", where, context(html, i)).isTrue();
                visible++;
                i = entity.end();
            } else {
                assertThat(c).as("a raw '>' in %s: %s", where, context(html, i)).isNotEqualTo('>');
                visible++;
                i++;
            }
        }
        assertThat(open).as("unclosed tags in %s", where).isEmpty();
        return visible;
    }

    private static String context(String text, int at) {
        return text.substring(Math.max(0, at - 30), Math.min(text.length(), at + 30));
    }

    private static int unpairedSurrogateAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
