package io.contactdesk.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.infra.process.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection on the whole pipeline, with production's settings. The broker runs as its own process, PostgreSQL and
 * the Bot API sandbox (Telegram's flood limits on) in this JVM; each service runs as two OS processes (the pollers:
 * one holds the ingress lease, one stands by), the notifiers keeping Telegram's limits together in PostgreSQL.
 * Simulated users and an admin drive the bot while a chaos loop kills instances with SIGKILL (the active poller, and
 * instances that are still starting), takes PostgreSQL away, kills the broker, has the Bot API fail (5xx bursts, a
 * 429 storm, answers held back past the client's timeout) and has a user block and unblock the bot. After the drain,
 * {@link Verdicts} judges what {@link Audit} observed; the report goes to the console and
 * {@code target/chaos-report.txt}.
 *
 * <p>Short form (a few minutes on 2 cores), part of the default {@code verify}. Long form: {@code -Dchaos.minutes=30},
 * optionally {@code -Dchaos.users=…}, {@code -Dchaos.seed=…}, {@code -Dchaos.rate=…}. {@code -Dchaos.plant=NAME}
 * plants one fault (see {@link Plant}): the run must then fail, naming it.
 */
class ChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ChaosIT.class);

    private static final long ADMIN = 900;
    private static final long FIRST_USER = 10_001;
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(2);
    // One thread per fault being measured: faults overlap, and a shared pool of one (2 cores) would queue them.
    private static final ExecutorService NEXT_PROGRESS_WATCHERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaos-next-progress");
        thread.setDaemon(true);
        return thread;
    });
    /** How long after a fault's end a service may still be seen going DOWN because of it. */
    private static final Duration DOWN_GRACE = Duration.ofSeconds(10);
    /** How long after an instance is UP again its consumer groups may still be rebalancing around it. */
    private static final Duration REJOIN = Duration.ofSeconds(15);

    private static final double MINUTES = Double.parseDouble(property("chaos.minutes", "0"));
    private static final boolean LONG_FORM = MINUTES > 0;
    private static final Duration LOAD = LONG_FORM ? Duration.ofSeconds((long) (MINUTES * 60)) : Duration.ofSeconds(60);
    private static final int USERS = Integer.parseInt(property("chaos.users", "0")) > 0
            ? Integer.parseInt(property("chaos.users", "0")) : LONG_FORM ? 400 : 100;
    private static final Duration POSTGRES_OUTAGE = LONG_FORM ? Duration.ofSeconds(30) : Duration.ofSeconds(15);
    private static final int WORKERS = 3;
    private static final int INSTANCES = Integer.parseInt(property("chaos.instances", "2"));
    /** Notifiers: they share tg.outbox's partitions and Telegram's limits (in PostgreSQL, or their shares of them). */
    private static final int NOTIFIERS = Integer.parseInt(property("chaos.notifiers", "2"));
    // A notifier killed every minute or so is down part of the time: the drain after the load is its backlog at 30/s.
    private static final Duration DRAIN_LIMIT = LONG_FORM ? Duration.ofMinutes(4).plus(LOAD.dividedBy(2))
            : Duration.ofMinutes(4);
    private static final double RATE = Double.parseDouble(property("chaos.rate", "18"));
    private static final long SEED = Long.parseLong(property("chaos.seed", Long.toString(System.nanoTime() % 1_000_000)));
    private static final Plant PLANT = Plant.named(property("chaos.plant", ""));

    @TempDir
    static Path work;

    private static Path targetDir;
    private static Stack stack;

    private final List<RecoveryRow> recoveries = new CopyOnWriteArrayList<>();
    private final List<Verdicts.FaultEvent> faults = new CopyOnWriteArrayList<>();
    /** Faults that can explain no duplicate (a refused call sends nothing), kept to lay the 429s beside. */
    private final List<Verdicts.FaultEvent> refusingFaults = new CopyOnWriteArrayList<>();
    private final List<String> notRecovered = new CopyOnWriteArrayList<>();
    private final List<String> findings = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final List<Future<?>> outages = new CopyOnWriteArrayList<>();
    private volatile Instant loadStarted;
    private volatile long loadStartedNanos;
    private volatile Workload workload;

    /** One line of the recovery table; {@code downSeen} = the affected services said DOWN (or died) because of it. */
    record RecoveryRow(String fault, String target, double atSeconds, double downSeconds, Double healthySeconds,
            Double nextSeconds, String note) {
    }

    @BeforeAll
    static void startEverything() throws Exception {
        Path moduleDir = Path.of(property("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        targetDir = moduleDir.resolve("target");
        // Several Spring Boot JVMs restart side by side on two cores: the C1 compiler only and the serial collector keep
        // that affordable. -Dchaos.jvmArgs=none gives the plain `java -Xmx256m -jar`.
        String extra = property("chaos.jvmArgs", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").trim();
        List<String> jvmArgs = extra.equals("none") ? List.of() : List.of(extra.split("\\s+"));
        stack = new Stack(work, targetDir, "chaos-logs", INSTANCES, NOTIFIERS, List.of(ADMIN), jvmArgs);
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyUpdateIsAnsweredOnceAndEveryCreditCountedThroughFaults() throws Exception {
        Random random = new Random(SEED);
        List<Fault> plan = plan(random);
        workload = new Workload(stack.chats, List.copyOf(stack.contacts.keySet()), FIRST_USER, USERS, ADMIN, RATE);
        log.info("chaos: seed {}, {} users, {} updates/s, load {} s, plant {}, plan {}", SEED, USERS, RATE,
                LOAD.toSeconds(), PLANT.label(), plan);

        ExecutorService monitors = Executors.newCachedThreadPool();
        loadStartedNanos = System.nanoTime();
        loadStarted = Instant.now();
        long loadEnd = loadStartedNanos + LOAD.toNanos();
        List<Thread> threads = workload.start(WORKERS, SEED, loadEnd);
        Thread chaos = new Thread(() -> runPlan(plan, monitors), "chaos-plan");
        chaos.setDaemon(true);
        chaos.start();
        for (Thread thread : threads) {
            thread.join(LOAD.toMillis() + 60_000);
        }
        long loadSeconds = Math.round(sinceLoad());
        log.info("load stopped after {} s; waiting for the chaos loop and recovery measurements", loadSeconds);
        chaos.join(Duration.ofMinutes(3).toMillis());
        if (chaos.isAlive()) {
            problems.add("the chaos loop did not finish within 3 minutes after the load");
            chaos.interrupt();
        }
        for (var outage : outages) {
            outage.get(3, TimeUnit.MINUTES);
        }
        for (ServiceProcess service : stack.all()) {
            if (!service.alive()) {
                int launch = service.launches();
                boolean wasUp = service.changes().stream()
                        .anyMatch(change -> change.launch() == launch && change.health() == ServiceProcess.Health.UP);
                if (wasUp) {
                    problems.add(service.name() + " died on its own after the chaos phase:\n" + service.tail(30));
                } else {
                    // A start that failed (e.g. PostgreSQL away while Flyway migrates) exits, by design; production's
                    // `restart: unless-stopped` starts it again, and so does the harness: a finding, not a failure.
                    findings.add(service.name() + " launch " + launch + " failed to start and exited (restarted, as "
                            + "docker compose's restart policy would): " + lastLine(service.tail(30)));
                }
                service.start();
            }
            if (!service.awaitHealthy(RECOVERY_LIMIT)) {
                problems.add(service.name() + " is not healthy 2 minutes after the chaos phase:\n" + service.tail(30));
            }
        }
        Map<String, Map<String, Long>> lagAfterLoad = Drain.await(stack, DRAIN_LIMIT, "after the load", problems);
        workload.balanceRound();
        Map<String, Map<String, Long>> finalLag = Drain.await(stack, DRAIN_LIMIT, "after the final /balance round",
                problems);
        workload.awaitReplies(Duration.ofSeconds(60));
        monitors.shutdown();
        monitors.awaitTermination(RECOVERY_LIMIT.toSeconds() + 90, TimeUnit.SECONDS);
        monitors.shutdownNow();
        PLANT.afterDrain(stack, workload.users.stream().map(u -> u.id).toList());

        problems.addAll(workload.problems);
        Verdicts.Observations seen = Audit.observe(stack, workload.everyone(), List.copyOf(faults),
                List.copyOf(notRecovered), List.copyOf(problems));
        List<Verdicts.Verdict> verdicts = Verdicts.judge(seen);
        findings.addAll(LedgerForensics.explain(stack, LedgerForensics.suspects(seen)));
        findings.addAll(FloodRefusals.beside(FloodRefusals.of(stack.chats.floodRefusals()),
                Stream.concat(faults.stream(), refusingFaults.stream()).toList(), loadStarted));
        String report = new ChaosReport(SEED, LONG_FORM ? "long (" + MINUTES + " min)" : "short (CI)", PLANT.label(),
                loadSeconds, USERS, RATE, INSTANCES, NOTIFIERS, workload, stack, recoveries, findings, lagAfterLoad, finalLag, seen,
                verdicts).render();
        System.out.println(report);
        Files.writeString(targetDir.resolve("chaos-report.txt"), report);

        assertThat(Verdicts.failed(verdicts)).as("failed verdicts (planted: %s); report in target/chaos-report.txt",
                PLANT.label()).isEmpty();
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
     * Every service killed at least twice (one kill per ~15 s in the long form; the poller's kills hit the instance
     * that holds the lease, every other kill does not wait for its target to be healthy), one PostgreSQL outage (one
     * per 5 min), one broker SIGKILL (one per 10 min), one round of Bot API faults (one per 3 min), shuffled and spread
     * over the first 80 % of the load; a user blocks the bot at 30 % and unblocks it at 55 %.
     */
    private List<Fault> plan(Random random) {
        long minutes = LOAD.toMinutes();
        int rounds = LONG_FORM ? Math.max(2, (int) (LOAD.toSeconds() / 15 / Stack.SERVICES.size())) : 2;
        int outages = LONG_FORM ? Math.max(1, (int) (minutes / 5)) : 1;
        int brokerKills = LONG_FORM ? Math.max(1, (int) (minutes / 10)) : 1;
        int botApiRounds = LONG_FORM ? Math.max(1, (int) (minutes / 3)) : 1;
        List<String[]> faults = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Stack.SERVICES.forEach(service -> faults.add(new String[] {"kill -9", service}));
        }
        for (int i = 0; i < outages; i++) {
            faults.add(new String[] {"postgres outage", null});
        }
        for (int i = 0; i < brokerKills; i++) {
            faults.add(new String[] {"broker kill -9", null});
        }
        for (int i = 0; i < botApiRounds; i++) {
            faults.add(new String[] {"bot api 5xx", null});
            faults.add(new String[] {"bot api 429 storm", null});
            faults.add(new String[] {"bot api late answers", null});
        }
        Collections.shuffle(faults, random);
        double span = LOAD.toSeconds() * 0.8 - 5;
        List<Fault> plan = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            plan.add(new Fault(faults.get(i)[0], faults.get(i)[1], 5 + span * i / faults.size()));
        }
        plan.add(new Fault("block", null, LOAD.toSeconds() * 0.3));
        plan.add(new Fault("unblock", null, LOAD.toSeconds() * 0.55));
        if (PLANT != Plant.NONE && PLANT != Plant.DROP_LEDGER_ROW) {
            plan.add(new Fault("plant " + PLANT.label(), null, LOAD.toSeconds() * 0.4));
        }
        plan.sort((a, b) -> Double.compare(a.atSeconds(), b.atSeconds()));
        return plan;
    }

    private void runPlan(List<Fault> plan, ExecutorService monitors) {
        SimUser blocker = workload.users.get(7 % workload.users.size());
        Random random = new Random(SEED * 7);
        int kills = 0;
        for (Fault fault : plan) {
            long due = loadStartedNanos + (long) (fault.atSeconds() * 1e9);
            while (System.nanoTime() < due) {
                ServiceProcess.sleep(100);
            }
            try {
                switch (fault.kind()) {
                    case "kill -9" -> kill(fault.target(), kills++ % 2 == 1, random, monitors);
                    // Outages run beside the plan, so that the faults after them keep their time (and may overlap).
                    case "postgres outage" -> outages.add(monitors.submit(() -> guarded(fault, () -> postgresOutage(monitors))));
                    case "broker kill -9" -> outages.add(monitors.submit(() -> guarded(fault, () -> brokerKill(monitors))));
                    case "bot api 5xx" -> botApi5xx();
                    case "bot api 429 storm" -> botApi429Storm();
                    case "bot api late answers" -> botApiLate();
                    case "block" -> workload.block(blocker);
                    case "unblock" -> workload.unblock(blocker);
                    default -> PLANT.duringLoad(stack);
                }
            } catch (RuntimeException e) {
                problems.add(fault + " failed: " + e);
                log.error("{} failed", fault, e);
            }
        }
    }

    private void guarded(Fault fault, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            problems.add(fault + " failed: " + e);
            log.error("{} failed", fault, e);
        }
    }

    /**
     * kill -9 of one instance. The poller's kills hit the instance holding the lease; every other kill either waits
     * for its target to be UP first or hits it as it is (perhaps still starting from the last kill: unhealthy).
     */
    private void kill(String module, boolean asItIs, Random random, ExecutorService monitors) {
        List<ServiceProcess> replicas = stack.services.get(module);
        ServiceProcess target;
        if (module.equals("ingress-poller")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            target = null;
            while (target == null && System.nanoTime() < deadline) {
                target = replicas.stream().filter(ServiceProcess::leader).findFirst().orElse(null);
                if (target == null) {
                    ServiceProcess.sleep(250);
                }
            }
            if (target == null) {
                problems.add("no ingress poller held the lease for 60 s before a kill");
                target = replicas.get(0);
            }
        } else {
            target = replicas.get(random.nextInt(replicas.size()));
            if (!asItIs) {
                target.awaitHealthy(Duration.ofSeconds(60));
            }
        }
        String note = module.equals("ingress-poller") ? "the active poller" : target.healthy() ? "" : "killed while not UP";
        double at = sinceLoad();
        long killed = System.nanoTime();
        target.kill();
        faults.add(new Verdicts.FaultEvent("kill -9 " + target.name(), Instant.now(), Instant.now()));
        target.start();
        log.info("kill -9 {} at {} s ({}); restarted as launch {}", target.name(), round(at), note, target.launches());
        ServiceProcess victim = target;
        monitors.submit(() -> measure("kill -9", victim.name(), at, 0, killed, killed, List.of(victim), false,
                module.equals("db-writer") ? stack::rowsWritten : stack::repliesDelivered, note));
    }

    private void postgresOutage(ExecutorService monitors) {
        double at = sinceLoad();
        Instant from = Instant.now();
        long down = System.nanoTime();
        stack.postgres.close();
        log.info("PostgreSQL stopped at {} s for {} s", round(at), POSTGRES_OUTAGE.toSeconds());
        ServiceProcess.sleep(POSTGRES_OUTAGE.toMillis());
        stack.postgres.start();
        long back = System.nanoTime();
        faults.add(new Verdicts.FaultEvent("postgres outage", from, Instant.now()));
        log.info("PostgreSQL started again after {} s", round(seconds(back - down)));
        monitors.submit(() -> measure("postgres outage", "postgresql", at, seconds(back - down), down, back,
                stack.services.get("db-writer"), true, stack::rowsWritten, ""));
        // The notifiers keep their buckets in PostgreSQL: whether their health said so is reported, not required.
        monitors.submit(() -> reportDown("postgres outage", stack.services.get("notifier"), down, back));
    }

    private void brokerKill(ExecutorService monitors) {
        double at = sinceLoad();
        Instant from = Instant.now();
        long down = System.nanoTime();
        stack.broker.kill();
        try {
            stack.broker.start();
        } finally {
            faults.add(new Verdicts.FaultEvent("broker kill -9", from, Instant.now()));
        }
        long back = System.nanoTime();
        log.info("broker killed at {} s and up again after {} s", round(at), round(seconds(back - down)));
        monitors.submit(() -> measure("broker kill -9", "kafka", at, seconds(back - down), down, back, stack.all(), false,
                stack::repliesDelivered, ""));
    }

    /** A burst of server errors on every method the services call: nothing may be lost, nothing sent twice. */
    private void botApi5xx() {
        stack.chats.fault("sendMessage", 502, 6);
        stack.chats.fault("getUpdates", 502, 3);
        stack.chats.fault("editMessageText", 503, 3);
        stack.chats.fault("answerCallbackQuery", 500, 3);
        // Not a fault event: a refused call sends nothing, so it can explain no duplicate.
        refusingFaults.add(new Verdicts.FaultEvent("bot api 5xx", Instant.now(), Instant.now().plusSeconds(10)));
        log.info("Bot API: 5xx bursts armed at {} s", round(sinceLoad()));
    }

    /** Telegram answering 429 with retry_after to everything for a while: the notifiers must wait, not drop. */
    private void botApi429Storm() {
        stack.chats.fault("sendMessage", 429, 20, 2);
        // Not a fault event: a refused call sends nothing, so it can explain no duplicate.
        refusingFaults.add(new Verdicts.FaultEvent("bot api 429 storm", Instant.now(), Instant.now().plusSeconds(10)));
        log.info("Bot API: 429 storm armed at {} s", round(sinceLoad()));
    }

    /**
     * Two sends whose answers come back after the notifier's call timeout (15 s): sent, but the notifier cannot know,
     * so it retries. The only faults here that may duplicate a reply; the duplicates count against the 0.5 % bound.
     */
    private void botApiLate() {
        Instant from = Instant.now();
        stack.chats.recordFault("late", 2, 20_000);
        faults.add(new Verdicts.FaultEvent("bot api late answers", from, from.plusSeconds(60)));
        log.info("Bot API: 2 late answers armed at {} s", round(sinceLoad()));
    }

    /**
     * Recovery after a fault that lasted from {@code start} to {@code end}: every affected instance must say UP again,
     * after having said DOWN (or died) because of it, within the limit; the time is from the fault's end. When one
     * never said DOWN, that is reported (required only where {@code mustGoDown}). Then the time until the next piece
     * of work gets through (a reply delivered, or a row written).
     */
    private void measure(String fault, String target, double at, double downFor, long start, long end,
            List<ServiceProcess> affected, boolean mustGoDown, LongSupplier progress, String note) {
        long deadline = end + RECOVERY_LIMIT.toNanos();
        // Watched beside the health waits, not after them: an instance that never comes back must not push the next
        // reply's time out to the end of its wait (the 30-minute runs of 2026-12-06 read "next 120 s" so).
        long baseline = safely(progress);
        CompletableFuture<Double> next = CompletableFuture.supplyAsync(() -> firstProgress(progress, baseline, end,
                Math.max(System.nanoTime(), end) + RECOVERY_LIMIT.toNanos()), NEXT_PROGRESS_WATCHERS);
        Double healthy = 0.0;
        List<String> neverDown = new ArrayList<>();
        List<String> superseded = new ArrayList<>();
        for (ServiceProcess service : affected) {
            // Looked up for each instance in turn: the wait for the one before may have used up the grace already.
            Long wentDown = service.firstSeenNotUp(start);
            while (wentDown == null && System.nanoTime() < end + DOWN_GRACE.toNanos()) {
                ServiceProcess.sleep(250);
                wentDown = service.firstSeenNotUp(start);
            }
            if (wentDown != null && wentDown > end + DOWN_GRACE.toNanos()) {
                wentDown = null;
            }
            if (wentDown == null) {
                neverDown.add(service.name());
                continue;
            }
            // Looked at once at least: an earlier instance's wait may have used up the deadline while this one has
            // long been UP again.
            Long up = upAfter(service, wentDown);
            Long killedAgain = service.killedAfter(Math.max(end, wentDown));
            while (up == null && killedAgain == null && System.nanoTime() < deadline) {
                ServiceProcess.sleep(250);
                up = upAfter(service, wentDown);
                killedAgain = service.killedAfter(Math.max(end, wentDown));
            }
            if (up == null && killedAgain != null) {
                // The chaos loop killed it again before it was back: that later fault's row measures its return.
                superseded.add(service.name());
                healthy = null;
            } else if (up == null) {
                notRecovered.add(fault + " at " + round(at) + " s: " + service.name() + " not UP within "
                        + RECOVERY_LIMIT.toSeconds() + " s; log tail:\n" + service.tail(25));
                healthy = null;
            } else {
                if (healthy != null) {
                    healthy = Math.max(healthy, seconds(up - end));
                }
                // Its return makes the consumer groups rebalance: a partition taken from an instance mid-batch is
                // sent again by its next owner. That is this fault's doing too.
                faults.add(new Verdicts.FaultEvent(fault + " " + service.name() + " back", instantOf(wentDown),
                        instantOf(up).plus(REJOIN)));
            }
        }
        if (!neverDown.isEmpty() && mustGoDown) {
            findings.add(fault + " at " + round(at) + " s: " + String.join(", ", neverDown)
                    + " never reported DOWN while it lasted (health stayed UP)");
        }
        if (neverDown.size() == affected.size()) {
            healthy = null;
        }
        String downNote = neverDown.isEmpty() ? "" : "never DOWN: " + String.join(", ", neverDown);
        String supersededNote = superseded.isEmpty() ? ""
                : "killed again before UP: " + String.join(", ", superseded);
        recoveries.add(new RecoveryRow(fault, target, at, downFor, healthy, next.join(),
                String.join("; ", List.of(note, downNote, supersededNote).stream().filter(s -> !s.isEmpty()).toList())));
    }

    /** When {@code service} was first seen UP after {@code wentDown}, or null. */
    private static Long upAfter(ServiceProcess service, long wentDown) {
        Long up = service.firstSeen(ServiceProcess.Health.UP, wentDown);
        return up == null || up <= wentDown ? null : up;
    }

    /** Seconds from {@code end} until {@code progress} passed {@code baseline}, or null if not by {@code deadline}. */
    private static Double firstProgress(LongSupplier progress, long baseline, long end, long deadline) {
        while (System.nanoTime() < deadline) {
            if (safely(progress) > baseline) {
                return seconds(System.nanoTime() - end);
            }
            ServiceProcess.sleep(200);
        }
        return null;
    }

    private void reportDown(String fault, List<ServiceProcess> services, long start, long end) {
        ServiceProcess.sleep(DOWN_GRACE.toMillis());
        for (ServiceProcess service : services) {
            Long wentDown = service.firstSeenNotUp(start);
            findings.add(fault + ": " + service.name() + (wentDown != null && wentDown < end + DOWN_GRACE.toNanos()
                    ? " reported DOWN " + round(seconds(wentDown - start)) + " s into it" : " stayed UP"));
        }
    }

    private static Instant instantOf(long nanos) {
        return Instant.now().minusNanos(System.nanoTime() - nanos);
    }

    private static long safely(LongSupplier progress) {
        try {
            return progress.getAsLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private double sinceLoad() {
        return seconds(System.nanoTime() - loadStartedNanos);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The first line of a log tail that names an error, for a one-line finding. */
    private static String lastLine(String tail) {
        return tail.lines().filter(line -> line.contains("Exception") || line.contains("ERROR")).findFirst()
                .orElse(tail.lines().reduce((first, second) -> second).orElse("")).strip();
    }
}
