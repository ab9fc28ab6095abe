package io.contactdesk.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.Listing;
import io.contactdesk.contracts.events.ListingStatus;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.sandbox.TelegramSandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection on the whole pipeline. A real KRaft broker, a real PostgreSQL and the Bot API sandbox run in this
 * JVM (each restartable on the same data and ports); the four services run as their own OS processes. Simulated users
 * and an admin drive the bot while a chaos loop kills services with SIGKILL and restarts them, stops PostgreSQL for a
 * while and restarts the broker. When the load stops and the topics are drained, every update, reply and credit is
 * accounted for, and the figures are printed (and written to {@code target/chaos-report.txt}).
 *
 * <p>Short form (about 5 minutes on 2 cores), part of the default {@code verify}; alone:
 * {@code ./mvnw -B -ntp verify -pl chaos}. Long form:
 * {@code -Dchaos.minutes=30} (duration of the load/chaos phase), optionally {@code -Dchaos.users=…},
 * {@code -Dchaos.seed=…}.
 */
class ChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ChaosIT.class);

    private static final String TOKEN = "100000001:local-sandbox-token";
    private static final String KEYRING = ContactCipher.generateKeyringEntry("k1");
    private static final long ADMIN = 900;
    private static final long PROBE = 899;
    private static final long FIRST_USER = 10_001;
    private static final int LISTINGS = 10;
    private static final long SIGNUP_BONUS = 3;
    private static final long UNLOCK_COST = 1;
    private static final List<String> SERVICES = List.of("ingress-poller", "command-processor", "db-writer", "notifier");
    private static final Pattern CREDITS = Pattern.compile("(\\d+) credits?");
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(2);

    // Knobs: the short form unless -Dchaos.minutes=… is given.
    private static final double MINUTES = Double.parseDouble(property("chaos.minutes", "0"));
    private static final boolean LONG_FORM = MINUTES > 0;
    // The short form is CI's: every fault of the long form at least once (each service killed twice), in one minute.
    private static final Duration LOAD = LONG_FORM ? Duration.ofSeconds((long) (MINUTES * 60)) : Duration.ofSeconds(60);
    private static final int USERS = Integer.parseInt(property("chaos.users", "0")) > 0
            ? Integer.parseInt(property("chaos.users", "0")) : LONG_FORM ? 400 : 100;
    private static final Duration POSTGRES_OUTAGE = LONG_FORM ? Duration.ofSeconds(30) : Duration.ofSeconds(15);
    private static final int WORKERS = 3;
    // A notifier killed every minute or so is down a third of the time: over a long run the replies it owes pile up
    // faster than 30 messages a second can clear them, and the drain after the load is that backlog at 30/s.
    private static final Duration DRAIN_LIMIT = LONG_FORM ? Duration.ofMinutes(4).plus(LOAD.dividedBy(2))
            : Duration.ofMinutes(4);
    // Updates a second from all threads together: each asks for a reply or two, within the bot's 30 messages a second.
    private static final double RATE = Double.parseDouble(property("chaos.rate", "18"));
    private static final long SEED = Long.parseLong(property("chaos.seed", Long.toString(System.nanoTime() % 1_000_000)));

    @TempDir
    static Path work;

    private static Path repoRoot;
    private static Path targetDir;
    private static KraftBroker broker;
    private static EmbeddedPostgresServer postgres;
    private static TelegramSandbox sandbox;
    private static SandboxClient chats;
    private static final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private static final Map<String, String> contacts = new LinkedHashMap<>();

    private static final String NOT_RECOVERED = "NOT RECOVERED";
    private final List<RecoveryRow> recoveries = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicLong updatesSent = new AtomicLong();
    private final Pace pace = new Pace(RATE);
    // Each grant also answers the admin, in one chat, where Telegram allows 1 message a second: faster grants pile up
    // in that chat (and hold up every chat of its partition) for as long as the run lasts.
    private final Pace adminPace = new Pace(0.8);
    private final Set<Long> updateIds = Collections.synchronizedSet(new HashSet<>());
    private final AtomicLong duplicateUpdateIds = new AtomicLong();
    private volatile long loadStartedNanos;

    /** One line of the recovery table. */
    record RecoveryRow(String fault, String target, double atSeconds, double downSeconds, Double healthySeconds,
            Double nextReplySeconds, String note) {
    }

    @BeforeAll
    static void startEverything() throws Exception {
        Path moduleDir = Path.of(property("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        repoRoot = moduleDir.getParent();
        targetDir = moduleDir.resolve("target");
        Path logDir = Files.createDirectories(targetDir.resolve("chaos-logs"));
        try (var old = Files.list(logDir)) {
            old.forEach(file -> file.toFile().delete());
        }

        int kafkaPort = freePortWithNeighbour();
        broker = KraftBroker.builder().port(kafkaPort).controllerPort(kafkaPort + 1)
                .dataDir(work.resolve("kafka")).build().start();
        postgres = EmbeddedPostgresServer.builder().port(freePort()).dataDir(work.resolve("postgres"))
                .database("contactdesk").user("contactdesk", "contactdesk").build().start();
        sandbox = TelegramSandbox.builder().port(0).token(TOKEN).disableFloodLimits().build().start();
        chats = new SandboxClient(sandbox.baseUrl());

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.put("TELEGRAM_TOKEN", TOKEN);
        environment.put("TELEGRAM_API_URL", sandbox.baseUrl());
        environment.put("DATABASE_URL", postgres.url());
        // The notifier's flood control may keep its buckets in PostgreSQL; one notifier needs none of that.
        environment.put("FLOOD_CONTROL", "local");
        environment.put("CONTACT_ENCRYPTION_KEYS", KEYRING);
        environment.put("ADMIN_USER_IDS", Long.toString(ADMIN));
        environment.put("POLL_TIMEOUT_SECONDS", "1");
        environment.put("RATE_LIMIT_MAX_REQUESTS", "1000");
        environment.put("SIGNUP_BONUS_CREDITS", Long.toString(SIGNUP_BONUS));
        environment.put("UNLOCK_COST_CREDITS", Long.toString(UNLOCK_COST));
        // Four Spring Boot JVMs start side by side on two cores: the C1 compiler only and the serial collector keep
        // start-up and restarts affordable. -Dchaos.jvmArgs=none gives the plain `java -Xmx256m -jar`.
        String extra = property("chaos.jvmArgs", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").trim();
        List<String> jvmArgs = extra.equals("none") ? List.of() : List.of(extra.split("\\s+"));
        for (String name : SERVICES) {
            services.put(name, new ServiceProcess(name, repoRoot, environment, freePort(), logDir,
                    Files.createDirectories(work.resolve("streams")), jvmArgs,
                    targetDir.resolve("chaos-jars")));
        }
        long started = System.nanoTime();
        services.values().forEach(ServiceProcess::start);
        for (ServiceProcess service : services.values()) {
            if (service.awaitHealthy(Duration.ofMinutes(3)) == null) {
                throw new AssertionError(service.name() + " did not become healthy at start-up:\n" + service.tail(40));
            }
        }
        log.info("all four services healthy after {} s", seconds(System.nanoTime() - started));
        publishListings();
    }

    @AfterAll
    static void stopEverything() {
        services.values().forEach(service -> quietly(service::stop));
        if (sandbox != null) {
            quietly(sandbox::close);
        }
        if (postgres != null) {
            quietly(postgres::close);
        }
        if (broker != null) {
            quietly(broker::close);
        }
    }

    /** Ten ACTIVE listings, contacts sealed with the keyring, published as an importer would; then seen end to end. */
    private static void publishListings() throws Exception {
        String[] categories = {"Plumbing", "Electrical", "Cleaning"};
        ContactCipher cipher = ContactCipher.fromKeyring(KEYRING);
        Instant now = Instant.now();
        try (KafkaProducer<String, Listing> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), Topics.LISTINGS.valueSerde().serializer())) {
            for (int i = 0; i < LISTINGS; i++) {
                String id = "chaos-listing-" + i;
                String contact = String.format(Locale.ROOT, "+49 30 5550 %04d", i);
                contacts.put(id, contact);
                Listing listing = new Listing(id, "Chaos listing " + i, categories[i % categories.length], "Berlin",
                        "Listing number " + i + " of the chaos suite.", cipher.encrypt(contact, id),
                        ListingStatus.ACTIVE, 0, now, null, null, now);
                producer.send(new ProducerRecord<>(Topics.LISTINGS.name(), id, listing)).get(30, TimeUnit.SECONDS);
            }
        }
        // The processor's directory knows the last one, and db-writer has stored all of them.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "chaos-listing-" + (LISTINGS - 1);
        boolean seen = false;
        while (System.nanoTime() < deadline && !seen) {
            chats.send(PROBE, "/view " + last);
            ServiceProcess.sleep(1500);
            seen = chats.botMessages(PROBE).stream().anyMatch(m -> m.text().contains("Chaos listing " + (LISTINGS - 1)))
                    && count("select count(*) from listings where listing_id like 'chaos-listing-%'") == LISTINGS;
        }
        if (!seen) {
            throw new AssertionError("the listings did not reach the processor and PostgreSQL within 90 s");
        }
    }

    @Test
    void everyUpdateIsAnsweredAndEveryCreditCountedThroughKillsAndOutages() throws Exception {
        Random random = new Random(SEED);
        List<SimUser> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(new SimUser(FIRST_USER + i));
        }
        SimUser admin = new SimUser(ADMIN);
        List<Fault> plan = plan(random);
        log.info("chaos: seed {}, {} users, {} updates/s, load {} s, plan {}", SEED, USERS, RATE, LOAD.toSeconds(), plan);

        ExecutorService monitors = Executors.newCachedThreadPool();
        loadStartedNanos = System.nanoTime();
        long loadEnd = loadStartedNanos + LOAD.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            List<SimUser> mine = new ArrayList<>();
            for (int i = w; i < users.size(); i += WORKERS) {
                mine.add(users.get(i));
            }
            long seed = SEED * 31 + w;
            threads.add(thread("worker-" + w, () -> work(mine, new Random(seed), loadEnd)));
        }
        threads.add(thread("admin", () -> administer(admin, users, new Random(SEED * 17), loadEnd)));
        Thread chaos = thread("chaos", () -> runPlan(plan, monitors, loadEnd));
        threads.forEach(Thread::start);
        chaos.start();
        for (Thread thread : threads) {
            thread.join(LOAD.toMillis() + 60_000);
        }
        long loadSeconds = Math.round(seconds(System.nanoTime() - loadStartedNanos));
        log.info("load stopped after {} s; waiting for the chaos loop and recovery measurements", loadSeconds);
        chaos.join(Duration.ofMinutes(3).toMillis());
        if (chaos.isAlive()) {
            problems.add("the chaos loop did not finish within 3 minutes after the load");
            chaos.interrupt();
        }

        // Everything must be up again: a service that does not come back is a finding, not a hang.
        for (ServiceProcess service : services.values()) {
            if (!service.alive()) {
                problems.add(service.name() + " is not running after the chaos phase:\n" + service.tail(30));
                service.start();
            }
            if (service.awaitHealthy(RECOVERY_LIMIT) == null) {
                problems.add(service.name() + " is not healthy 2 minutes after the chaos phase:\n" + service.tail(30));
            }
        }
        Map<String, Map<String, Long>> lagAfterLoad = drain("after the load");

        // The processor's own view of every balance: /balance for each user, answered once the pipeline is quiet.
        List<SimUser> everyone = new ArrayList<>(users);
        everyone.add(admin);
        for (SimUser user : everyone) {
            if (user.started()) {
                user.sentCommand(sent(chats.send(user.id, "/balance")));
            }
        }
        Map<String, Map<String, Long>> finalLag = drain("after the final /balance round");
        awaitReplies(everyone, Duration.ofSeconds(60));
        monitors.shutdown();
        monitors.awaitTermination(30, TimeUnit.SECONDS);
        monitors.shutdownNow();

        Report report = check(everyone, admin, loadSeconds, lagAfterLoad, finalLag);
        String text = report.render();
        System.out.println(text);
        Files.writeString(targetDir.resolve("chaos-report.txt"), text);

        assertThat(problems).as("problems found (services, drain, recovery)").isEmpty();
        assertThat(report.lostReplies).as("commands without a reply").isZero();
        assertThat(report.unansweredTaps).as("unlock taps without their contact shown").isZero();
        assertThat(report.ledgerMismatches).as("users whose ledger, balance or unlocks disagree").isEmpty();
        assertThat(report.duplicateRatio()).as("duplicated replies / replies").isLessThan(0.005);
    }

    // ---------------------------------------------------------------- the workload

    private void work(List<SimUser> mine, Random random, long loadEnd) {
        while (System.nanoTime() < loadEnd) {
            SimUser user = mine.get(random.nextInt(mine.size()));
            try {
                pace.awaitSlot();
                step(user, random);
            } catch (RuntimeException e) {
                problems.add("workload: " + e);
                ServiceProcess.sleep(500);
            }
            ServiceProcess.sleep(40 + random.nextInt(120));
        }
    }

    private void step(SimUser user, Random random) {
        if (!user.started()) {
            user.sentCommand(sent(chats.send(user.id, "/start")));
            user.markStarted();
            return;
        }
        int dice = random.nextInt(100);
        if (dice < 30) {
            user.sentCommand(sent(chats.send(user.id, "/balance")));
        } else if (dice < 60) {
            user.sentCommand(sent(chats.send(user.id, "/browse")));
        } else {
            unlock(user, random);
        }
    }

    /**
     * A tap on Unlock, on a /browse message not tapped before (so its final text shows which contact it revealed). At
     * most three distinct listings: the sign-up bonus pays for them whatever the grants, so no tap meets "not enough
     * credits"; beyond that, taps on listings already unlocked (free, shown again).
     */
    private void unlock(SimUser user, Random random) {
        List<SandboxClient.BotMessage> messages = chats.botMessages(user.id);
        if (messages.stream().anyMatch(m -> m.text().startsWith("Welcome"))) {
            user.markWelcomed();
        }
        SandboxClient.BotMessage browse = messages.stream()
                .filter(m -> m.text().contains("choose a category") && !user.hasTapped(m.messageId()))
                .findFirst().orElse(null);
        if (browse == null) {
            user.sentCommand(sent(chats.send(user.id, "/browse")));
            return;
        }
        Set<String> unlocked = user.unlocked();
        List<String> candidates = new ArrayList<>();
        for (String id : contacts.keySet()) {
            if (unlocked.size() < SIGNUP_BONUS / UNLOCK_COST ? !unlocked.contains(id) : unlocked.contains(id)) {
                candidates.add(id);
            }
        }
        String listing = candidates.get(random.nextInt(candidates.size()));
        user.tapped(browse.messageId(), listing, sent(chats.tap(user.id, browse.messageId(), "u:" + listing)));
    }

    private void administer(SimUser admin, List<SimUser> users, Random random, long loadEnd) {
        admin.sentCommand(sent(chats.send(ADMIN, "/start")));
        admin.markStarted();
        while (System.nanoTime() < loadEnd) {
            ServiceProcess.sleep(150 + random.nextInt(300));
            try {
                SimUser user = users.get(random.nextInt(users.size()));
                if (!user.started()) {
                    continue;
                }
                // A grant for someone the processor does not know yet is refused: grant only to welcomed users.
                if (!user.welcomed()) {
                    if (chats.botMessages(user.id).stream().noneMatch(m -> m.text().startsWith("Welcome"))) {
                        continue;
                    }
                    user.markWelcomed();
                }
                int amount = 1 + random.nextInt(3);
                adminPace.awaitSlot();
                pace.awaitSlot();
                admin.sentCommand(sent(chats.send(ADMIN, "/grant " + user.id + " " + amount)));
                user.granted(amount);
            } catch (RuntimeException e) {
                problems.add("admin: " + e);
            }
        }
    }

    private long sent(long updateId) {
        updatesSent.incrementAndGet();
        if (!updateIds.add(updateId)) {
            duplicateUpdateIds.incrementAndGet();
        }
        return updateId;
    }

    // ---------------------------------------------------------------- the chaos

    /** A fault and when, in seconds after the load started, it may happen at the earliest. */
    record Fault(String kind, String target, double atSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0fs:%s%s", atSeconds, kind, target == null ? "" : "(" + target + ")");
        }
    }

    /**
     * Every service killed at least twice (one kill per ~15 s in the long form), one PostgreSQL outage (one per 5 min),
     * one broker restart (one per 10 min), shuffled and spread over the first 80 % of the load.
     */
    private List<Fault> plan(Random random) {
        int rounds = LONG_FORM ? Math.max(2, (int) (LOAD.toSeconds() / 15 / SERVICES.size())) : 2;
        int outages = LONG_FORM ? Math.max(1, (int) (LOAD.toMinutes() / 5)) : 1;
        int brokerRestarts = LONG_FORM ? Math.max(1, (int) (LOAD.toMinutes() / 10)) : 1;
        List<String[]> faults = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            SERVICES.forEach(service -> faults.add(new String[] {"kill -9", service}));
        }
        for (int i = 0; i < outages; i++) {
            faults.add(new String[] {"postgres outage", null});
        }
        for (int i = 0; i < brokerRestarts; i++) {
            faults.add(new String[] {"broker restart", null});
        }
        Collections.shuffle(faults, random);
        double span = LOAD.toSeconds() * 0.8 - 5;
        List<Fault> plan = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            plan.add(new Fault(faults.get(i)[0], faults.get(i)[1], 5 + span * i / faults.size()));
        }
        return plan;
    }

    private void runPlan(List<Fault> plan, ExecutorService monitors, long loadEnd) {
        for (Fault fault : plan) {
            long due = loadStartedNanos + (long) (fault.atSeconds() * 1e9);
            while (System.nanoTime() < due) {
                ServiceProcess.sleep(100);
            }
            try {
                switch (fault.kind()) {
                    case "kill -9" -> kill(services.get(fault.target()), monitors);
                    case "postgres outage" -> postgresOutage(monitors);
                    case "broker restart" -> brokerRestart(monitors);
                    default -> throw new IllegalStateException(fault.kind());
                }
            } catch (RuntimeException e) {
                problems.add(fault + " failed: " + e);
                log.error("{} failed", fault, e);
            }
        }
    }

    private void kill(ServiceProcess service, ExecutorService monitors) {
        // A service still starting from its last kill is left to finish first (bounded), so each recovery is measured.
        service.awaitHealthy(Duration.ofSeconds(60));
        double at = sinceLoad();
        service.kill();
        long restarted = System.nanoTime();
        service.start();
        log.info("kill -9 {} at {} s; restarted as launch {}", service.name(), round(at), service.launches());
        Map<ServiceProcess, Integer> affected = launchesOf(List.of(service));
        monitors.submit(() -> measure("kill -9", service.name(), at, 0, restarted, affected,
                service.name().equals("db-writer") ? ChaosIT::rowsWritten : chats::repliesDelivered));
    }

    private void postgresOutage(ExecutorService monitors) {
        double at = sinceLoad();
        long down = System.nanoTime();
        postgres.close();
        log.info("PostgreSQL stopped at {} s for {} s", round(at), POSTGRES_OUTAGE.toSeconds());
        ServiceProcess.sleep(POSTGRES_OUTAGE.toMillis());
        postgres.start();
        long restarted = System.nanoTime();
        double downFor = seconds(restarted - down);
        log.info("PostgreSQL started again after {} s", round(downFor));
        Map<ServiceProcess, Integer> affected = launchesOf(List.of(services.get("db-writer")));
        monitors.submit(() -> measure("postgres outage", "postgresql", at, downFor, restarted, affected,
                ChaosIT::rowsWritten));
    }

    private void brokerRestart(ExecutorService monitors) {
        double at = sinceLoad();
        long down = System.nanoTime();
        broker.close();
        broker.start();
        long restarted = System.nanoTime();
        double downFor = seconds(restarted - down);
        log.info("broker restarted at {} s (down {} s)", round(at), round(downFor));
        Map<ServiceProcess, Integer> affected = launchesOf(List.copyOf(services.values()));
        monitors.submit(() -> measure("broker restart", "kafka", at, downFor, restarted, affected,
                chats::repliesDelivered));
    }

    /** The launch of each service a fault affects, taken when it happens: a later kill starts another launch. */
    private static Map<ServiceProcess, Integer> launchesOf(List<ServiceProcess> affected) {
        Map<ServiceProcess, Integer> launches = new LinkedHashMap<>();
        affected.forEach(service -> launches.put(service, service.launches()));
        return launches;
    }

    /**
     * Recovery after a fault: time from the restart until every affected service says UP, and until the next piece of
     * work gets through afterwards (a reply delivered, or for db-writer and PostgreSQL a row written).
     */
    private void measure(String fault, String target, double at, double downFor, long restarted,
            Map<ServiceProcess, Integer> affected, LongSupplier progress) {
        Double healthy = null;
        boolean allHealthy = true;
        boolean cutShort = false;
        long lastHealthyAt = restarted;
        for (Map.Entry<ServiceProcess, Integer> entry : affected.entrySet()) {
            ServiceProcess service = entry.getKey();
            switch (service.awaitHealthy(entry.getValue(), restarted + RECOVERY_LIMIT.toNanos())) {
                case HEALTHY -> lastHealthyAt = Math.max(lastHealthyAt, service.healthyAt(entry.getValue()));
                // The next fault killed it before it was UP: its recovery is measured with that fault's launch.
                case REPLACED_BEFORE_HEALTHY -> cutShort = true;
                case NOT_HEALTHY_IN_TIME -> {
                    allHealthy = false;
                    problems.add(fault + " of " + target + ": " + service.name() + " not healthy within "
                            + RECOVERY_LIMIT.toSeconds() + " s of the restart; log tail:\n" + service.tail(25));
                }
            }
        }
        if (allHealthy && !cutShort) {
            healthy = seconds(lastHealthyAt - restarted);
        }
        Double next = null;
        long baseline = safely(progress);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (safely(progress) > baseline) {
                next = seconds(System.nanoTime() - restarted);
                break;
            }
            ServiceProcess.sleep(200);
        }
        recoveries.add(new RecoveryRow(fault, target, at, downFor, healthy, next,
                !allHealthy ? NOT_RECOVERED : cutShort ? "killed again before it was up" : ""));
    }

    private static long safely(LongSupplier progress) {
        try {
            return progress.getAsLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long rowsWritten() {
        try {
            return count("select (select count(*) from credit_ledger) + (select count(*) from users)"
                    + " + (select count(*) from unlocks)");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- drain and checks

    /** Waits (bounded) until the processor, the notifier and db-writer have consumed everything; the lag seen last. */
    private Map<String, Map<String, Long>> drain(String when) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("contactdesk-command-processor", List.of(Topics.UPDATES.name()));
        groups.put("contactdesk-notifier", List.of(Topics.OUTBOX.name()));
        groups.put("contactdesk-db-writer", List.of(Topics.LEDGER.name(), Topics.USERS.name(), Topics.UNLOCKS.name(),
                Topics.LISTINGS.name(), Topics.AUDIT.name()));
        long started = System.nanoTime();
        long deadline = started + DRAIN_LIMIT.toNanos();
        Map<String, Map<String, Long>> lag = new LinkedHashMap<>();
        long lastReport = started;
        while (true) {
            lag.clear();
            boolean drained = chats.stats().path("updates_pending").asLong() == 0;
            for (var group : groups.entrySet()) {
                try {
                    Map<String, Long> groupLag = ConsumerLag.of(broker.bootstrapServers(), group.getKey(), group.getValue());
                    lag.put(group.getKey(), groupLag);
                    drained &= ConsumerLag.total(groupLag) == 0;
                } catch (Exception e) {
                    lag.put(group.getKey(), Map.of("(unreadable: " + e + ")", -1L));
                    drained = false;
                }
            }
            if (drained) {
                log.info("drained {} in {} s", when, round(seconds(System.nanoTime() - started)));
                // Lag 0 means committed; give the last calls and inserts a moment to land.
                ServiceProcess.sleep(2000);
                return lag;
            }
            if (System.nanoTime() - lastReport > 15_000_000_000L) {
                lastReport = System.nanoTime();
                log.info("draining {}: {} s, lag {}, sandbox updates pending {}", when,
                        round(seconds(lastReport - started)), lag, chats.stats().path("updates_pending").asLong());
            }
            if (System.nanoTime() > deadline) {
                problems.add("not drained " + DRAIN_LIMIT.toSeconds() + " s " + when + ": lag " + lag
                        + ", sandbox updates pending " + chats.stats().path("updates_pending").asLong());
                return lag;
            }
            ServiceProcess.sleep(1000);
        }
    }

    private void awaitReplies(List<SimUser> users, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (SimUser user : users) {
            while (chats.botMessages(user.id).size() < user.expectedMessages() && System.nanoTime() < deadline) {
                ServiceProcess.sleep(250);
            }
        }
    }

    private Report check(List<SimUser> users, SimUser admin, long loadSeconds, Map<String, Map<String, Long>> lagAfterLoad,
            Map<String, Map<String, Long>> finalLag) {
        Report report = new Report();
        report.loadSeconds = loadSeconds;
        report.users = users.size() - 1;
        report.updatesSent = updatesSent.get();
        report.duplicateUpdateIds = duplicateUpdateIds.get();
        report.lagAfterLoad = lagAfterLoad;
        report.finalLag = finalLag;
        var stats = chats.stats();
        report.sandboxStats = stats.toString();
        report.updatesDelivered = stats.path("updates_delivered").asLong();
        report.updatesPending = stats.path("updates_pending").asLong();

        Map<Long, Map<String, long[]>> ledger = new HashMap<>();
        Map<Long, Long> sums = new HashMap<>();
        Map<Long, Long> lastAfter = new HashMap<>();
        Map<Long, Long> unlockRows = new HashMap<>();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "select user_id, kind, count(*), sum(delta) from credit_ledger group by user_id, kind")) {
                while (rows.next()) {
                    ledger.computeIfAbsent(rows.getLong(1), u -> new HashMap<>())
                            .put(rows.getString(2), new long[] {rows.getLong(3), rows.getLong(4)});
                }
            }
            try (ResultSet rows = statement.executeQuery("select user_id, sum(delta) from credit_ledger group by user_id")) {
                while (rows.next()) {
                    sums.put(rows.getLong(1), rows.getLong(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("select distinct on (user_id) user_id, balance_after"
                    + " from credit_ledger order by user_id, sequence desc")) {
                while (rows.next()) {
                    lastAfter.put(rows.getLong(1), rows.getLong(2));
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "select user_id, count(distinct listing_id) from unlocks group by user_id")) {
                while (rows.next()) {
                    unlockRows.put(rows.getLong(1), rows.getLong(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("select count(*) from credit_ledger where balance_after < 0")) {
                rows.next();
                report.negativeBalances = rows.getLong(1);
            }
            try (ResultSet rows = statement.executeQuery("select count(*) from credit_ledger")) {
                rows.next();
                report.ledgerRows = rows.getLong(1);
            }
        } catch (SQLException e) {
            problems.add("cannot read PostgreSQL for the checks: " + e);
        }

        for (SimUser user : users) {
            if (!user.started()) {
                continue;
            }
            report.commandsSent += user.commandsSent();
            report.grantsSent += user.grants();
            report.tapsSent += user.taps().size();
            List<SandboxClient.BotMessage> messages = chats.botMessages(user.id);
            report.replies += messages.size();
            int expected = user.expectedMessages();
            report.lostReplies += Math.max(0, expected - messages.size());
            report.duplicatedReplies += Math.max(0, messages.size() - expected);
            if (messages.size() != expected) {
                report.replyMismatches.add(user.id + ": " + messages.size() + " messages, expected " + expected);
            }
            Map<Long, String> byId = new HashMap<>();
            messages.forEach(m -> byId.put(m.messageId(), m.text()));
            for (SimUser.Tap tap : user.taps()) {
                String text = byId.getOrDefault(tap.messageId(), "");
                if (!text.contains(contacts.get(tap.listingId()))) {
                    report.unansweredTaps++;
                    report.replyMismatches.add(user.id + ": tap (update " + tap.updateId() + ") on message "
                            + tap.messageId() + " for " + tap.listingId() + " shows: " + abbreviate(text));
                }
            }
            long botBalance = -1;
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.get(i).text().contains("Your balance")) {
                    Matcher m = CREDITS.matcher(messages.get(i).text());
                    botBalance = m.find() ? Long.parseLong(m.group(1)) : -1;
                    break;
                }
            }
            Map<String, long[]> kinds = ledger.getOrDefault(user.id, Map.of());
            long signups = kinds.getOrDefault("SIGNUP_BONUS", new long[2])[0];
            long unlockEntries = kinds.getOrDefault("UNLOCK", new long[2])[0];
            long grantEntries = kinds.getOrDefault("GRANT", new long[2])[0];
            long grantSum = kinds.getOrDefault("GRANT", new long[2])[1];
            long distinctUnlocks = unlockRows.getOrDefault(user.id, 0L);
            long sum = sums.getOrDefault(user.id, 0L);
            long last = lastAfter.getOrDefault(user.id, -1L);
            long expectedBalance = user.expectedBalance(SIGNUP_BONUS, UNLOCK_COST);
            report.duplicatedCredits += Math.max(0, signups - 1) + Math.max(0, grantEntries - user.grants())
                    + Math.max(0, unlockEntries - distinctUnlocks);
            report.lostCredits += Math.max(0, 1 - signups) + Math.max(0, user.grants() - grantEntries);
            List<String> wrong = new ArrayList<>();
            if (signups != 1) {
                wrong.add("SIGNUP_BONUS entries " + signups);
            }
            if (unlockEntries != distinctUnlocks || distinctUnlocks != user.unlocked().size()) {
                wrong.add("UNLOCK entries " + unlockEntries + ", unlocked listings in PostgreSQL " + distinctUnlocks
                        + ", listings tapped " + user.unlocked().size());
            }
            if (grantEntries != user.grants() || grantSum != user.grantedCredits()) {
                wrong.add("GRANT entries " + grantEntries + " (" + grantSum + " credits), grants sent " + user.grants()
                        + " (" + user.grantedCredits() + " credits)");
            }
            if (sum != last || sum < 0 || sum != botBalance || sum != expectedBalance) {
                wrong.add("sum of deltas " + sum + ", last balance_after " + last + ", /balance says " + botBalance
                        + ", expected " + expectedBalance);
            }
            if (!wrong.isEmpty()) {
                report.ledgerMismatches.add(user.id + ": " + String.join("; ", wrong));
            }
        }
        report.recoveries = List.copyOf(recoveries);
        report.kills = (int) recoveries.stream().filter(r -> r.fault().equals("kill -9")).count();
        report.killsSurvived = (int) recoveries.stream()
                .filter(r -> r.fault().equals("kill -9") && !r.note().equals(NOT_RECOVERED)).count();
        report.outages = (int) recoveries.stream().filter(r -> !r.fault().equals("kill -9")).count();
        report.outagesSurvived = (int) recoveries.stream()
                .filter(r -> !r.fault().equals("kill -9") && !r.note().equals(NOT_RECOVERED)).count();
        report.problems = List.copyOf(problems);
        report.launches = new LinkedHashMap<>();
        services.forEach((name, service) -> report.launches.put(name, service.launches()));
        return report;
    }

    // ---------------------------------------------------------------- the report

    static final class Report {
        long loadSeconds;
        int users;
        long updatesSent;
        long duplicateUpdateIds;
        long updatesDelivered;
        long updatesPending;
        long commandsSent;
        long grantsSent;
        long tapsSent;
        long replies;
        long lostReplies;
        long duplicatedReplies;
        long unansweredTaps;
        long duplicatedCredits;
        long lostCredits;
        long negativeBalances;
        long ledgerRows;
        int kills;
        int killsSurvived;
        int outages;
        int outagesSurvived;
        String sandboxStats;
        Map<String, Integer> launches;
        Map<String, Map<String, Long>> lagAfterLoad;
        Map<String, Map<String, Long>> finalLag;
        List<RecoveryRow> recoveries = List.of();
        final List<String> replyMismatches = new ArrayList<>();
        final List<String> ledgerMismatches = new ArrayList<>();
        List<String> problems = List.of();

        double duplicateRatio() {
            return replies == 0 ? 0 : (double) duplicatedReplies / replies;
        }

        String render() {
            StringBuilder out = new StringBuilder();
            out.append("\n==================== contactdesk chaos report ====================\n");
            out.append(String.format(Locale.ROOT, "date %s · machine %s, %d cores, %s %s · form %s%n",
                    DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC).withNano(0)),
                    hostName(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                    System.getProperty("java.version"),
                    LONG_FORM ? "long (" + MINUTES + " min)" : "short (CI)"));
            out.append(String.format(Locale.ROOT,
                    "seed %d · load %d s · %d users + admin %d · %d worker threads · paced at %.0f updates/s%n",
                    SEED, loadSeconds, users, ADMIN, WORKERS, RATE));
            out.append("\n-- recovery after each fault (seconds; 'healthy' = /actuator/health UP after the restart,"
                    + " 'next' = next reply delivered, or for db-writer/postgresql the next row written)\n");
            out.append(String.format(Locale.ROOT, "%-16s %-18s %7s %7s %9s %8s  %s%n",
                    "fault", "target", "at", "down", "healthy", "next", ""));
            for (RecoveryRow row : recoveries.stream().sorted((a, b) -> Double.compare(a.atSeconds(), b.atSeconds())).toList()) {
                out.append(String.format(Locale.ROOT, "%-16s %-18s %7.1f %7.1f %9s %8s  %s%n", row.fault(), row.target(),
                        row.atSeconds(), row.downSeconds(), fmt(row.healthySeconds()), fmt(row.nextReplySeconds()),
                        row.note()));
            }
            out.append("launches per service: ").append(launches).append('\n');
            out.append("\n-- totals\n");
            out.append(String.format(Locale.ROOT,
                    "updates sent %d (commands %d, unlock taps %d, of them admin grants %d) · distinct update ids %s%n",
                    updatesSent, commandsSent, tapsSent, grantsSent,
                    duplicateUpdateIds == 0 ? "all" : duplicateUpdateIds + " repeated"));
            out.append(String.format(Locale.ROOT, "sandbox: updates delivered by getUpdates %d, pending %d%n",
                    updatesDelivered, updatesPending));
            out.append(String.format(Locale.ROOT, "replies (bot messages in the users' chats) %d · lost %d · "
                    + "unanswered taps %d · duplicated replies %d (%.3f %% of replies, limit 0.5 %%)%n",
                    replies, lostReplies, unansweredTaps, duplicatedReplies, 100 * duplicateRatio()));
            out.append(String.format(Locale.ROOT, "ledger rows %d · duplicated credits %d · lost credits %d · "
                    + "negative balances %d · users with a ledger/balance mismatch %d%n",
                    ledgerRows, duplicatedCredits, lostCredits, negativeBalances, ledgerMismatches.size()));
            out.append(String.format(Locale.ROOT, "kills survived %d/%d · outages survived %d/%d (PostgreSQL and broker)%n",
                    killsSurvived, kills, outagesSurvived, outages));
            out.append("consumer lag after the load: ").append(lagAfterLoad).append('\n');
            out.append("consumer lag at the end:      ").append(finalLag).append('\n');
            out.append("sandbox stats: ").append(sandboxStats).append('\n');
            list(out, "reply mismatches", replyMismatches);
            list(out, "ledger mismatches", ledgerMismatches);
            list(out, "PROBLEMS", problems);
            out.append("===================================================================\n");
            return out.toString();
        }

        private static void list(StringBuilder out, String title, List<String> items) {
            if (items.isEmpty()) {
                return;
            }
            out.append("\n-- ").append(title).append(" (").append(items.size()).append(")\n");
            items.stream().limit(30).forEach(item -> out.append("  ").append(item).append('\n'));
            if (items.size() > 30) {
                out.append("  … ").append(items.size() - 30).append(" more\n");
            }
        }

        private static String fmt(Double value) {
            return value == null ? "—" : String.format(Locale.ROOT, "%.1f", value);
        }
    }

    // ---------------------------------------------------------------- small things

    private static long count(String sql) {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int freePortWithNeighbour() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port < 65535) {
                try (var next = new java.net.ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no two neighbouring free ports");
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, "chaos-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private double sinceLoad() {
        return seconds(System.nanoTime() - loadStartedNanos);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    private static String abbreviate(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 80 ? flat.substring(0, 80) + "…" : flat;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("while stopping: {}", e.toString());
        }
    }
}
