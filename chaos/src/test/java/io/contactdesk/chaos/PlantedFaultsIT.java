package io.contactdesk.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.infra.process.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos suite's verdicts catch what they claim to: each planted fault ({@link Plant}) runs against a minimal
 * workload (a handful of users for a few seconds, no other fault) on one shared stack with production's settings, one
 * instance of each service, and must fail exactly the verdict that names it; a replayed update must be absorbed.
 * {@code -Dchaos.planted.skip} leaves it out.
 */
@DisabledIfSystemProperty(named = "chaos.planted.skip", matches = "true", disabledReason = "-Dchaos.planted.skip")
class PlantedFaultsIT {

    private static final Logger log = LoggerFactory.getLogger(PlantedFaultsIT.class);
    private static final List<Long> ADMINS = List.of(901L, 902L, 903L, 904L, 905L);
    private static final int USERS = 6;
    private static final Duration LOAD = Duration.ofSeconds(12);
    private static final AtomicLong NEXT_ROUND = new AtomicLong();

    @TempDir
    static Path work;

    private static Stack stack;

    @BeforeAll
    static void startEverything() throws Exception {
        Path target = Path.of(ChaosIT.property("basedir", System.getProperty("user.dir"))).toAbsolutePath().resolve("target");
        stack = new Stack(work, target, "planted-logs", 1, 1, ADMINS,
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aSwallowedReplyIsOneLostReply() throws Exception {
        assertThat(failedVerdictsWith(Plant.SWALLOW_REPLY)).containsExactly("lost replies: 1");
    }

    @Test
    void aReplyRecordedTwiceIsADuplicateNoFaultExplains() throws Exception {
        assertThat(failedVerdictsWith(Plant.DOUBLE_REPLY))
                .contains("duplicated replies without a fault to explain them: 1")
                .allMatch(line -> line.startsWith("duplicated replies"));
    }

    @Test
    void aReplayedUpdateIsAbsorbed() throws Exception {
        assertThat(failedVerdictsWith(Plant.DUPLICATE_UPDATE)).isEmpty();
    }

    @Test
    void aDeletedLedgerRowIsAMismatchBetweenPostgresqlAndTheProcessor() throws Exception {
        Round round = round(Plant.DROP_LEDGER_ROW);

        assertThat(round.failed()).contains("PostgreSQL vs processor mismatch: 1 user");
        assertThat(LedgerForensics.explain(stack, LedgerForensics.suspects(round.seen())))
                .as("the forensics find the deleted row on the topic, behind db-writer's committed offset")
                .anyMatch(line -> line.contains("not in PostgreSQL") && line.contains("past it"));
    }

    private static List<String> failedVerdictsWith(Plant plant) throws Exception {
        return round(plant).failed();
    }

    /** What a round observed, and the lines of its failed verdicts. */
    private record Round(Verdicts.Observations seen, List<String> failed) {
    }

    /** One round on fresh users and a fresh admin: load, the plant, drain, the final /balance, the verdicts. */
    private static Round round(Plant plant) throws Exception {
        int round = (int) NEXT_ROUND.getAndIncrement();
        Workload workload = new Workload(stack.chats, List.copyOf(stack.contacts.keySet()), 20_001 + 100L * round, USERS,
                ADMINS.get(round), 4);
        List<String> problems = new ArrayList<>();
        long loadEnd = System.nanoTime() + LOAD.toNanos();
        List<Thread> threads = workload.start(2, 4242 + round, loadEnd);
        ServiceProcess.sleep(LOAD.toMillis() / 2);
        plant.duringLoad(stack);
        for (Thread thread : threads) {
            thread.join(LOAD.toMillis() + 30_000);
        }
        Drain.await(stack, Duration.ofMinutes(2), "after the load", problems);
        workload.balanceRound();
        Drain.await(stack, Duration.ofMinutes(2), "after the /balance round", problems);
        workload.awaitReplies(Duration.ofSeconds(30));
        plant.afterDrain(stack, workload.users.stream().map(u -> u.id).toList());
        problems.addAll(workload.problems);
        Verdicts.Observations seen = Audit.observe(stack, workload.everyone(), List.of(), List.of(), problems);
        List<Verdicts.Verdict> verdicts = Verdicts.judge(seen);
        log.info("planted {}: {}", plant.label(), verdicts);
        Verdicts.failed(verdicts).forEach(v -> log.info("  {}: {}", v.line(), v.details()));
        return new Round(seen, Verdicts.failed(verdicts).stream().map(Verdicts.Verdict::line).toList());
    }
}
