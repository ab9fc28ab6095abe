package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.notifier.support.ProcessorOutput;
import io.contactdesk.sandbox.FloodLimits;
import io.contactdesk.testsupport.SandboxClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replies to users' own commands ({@code tg.outbox}) while a large broadcast ({@code tg.outbox.bulk}) goes out at
 * Telegram's 30 messages a second, through the notifier's shared flood control (PostgreSQL), into the sandbox
 * enforcing Telegram's limits: every reply arrives, jumping ahead of the broadcast, and nothing is answered 429.
 *
 * <p>It is also the benchmark of README "Delivery at Telegram's limits": how long each reply took from its produce
 * to the sandbox recording it, and the broadcast's sustained rate, are written to
 * {@code target/benchmarks/reply-behind-broadcast.txt}. Measured, never asserted: wall-clock limits make tests
 * flaky on busy machines. CI runs a small broadcast; {@code -Dbenchmark.replyBehindBroadcast=true} the full size.
 */
class ReplyBehindBroadcastIT {

    private static final String TOKEN = "100000007:reply-behind-broadcast-token";
    private static final boolean FULL_SIZE = Boolean.getBoolean("benchmark.replyBehindBroadcast");
    private static final int RECIPIENTS =
            Integer.getInteger("replyBehindBroadcast.recipients", FULL_SIZE ? 2_000 : 200);
    private static final int REPLIES = Integer.getInteger("replyBehindBroadcast.replies", FULL_SIZE ? 50 : 10);
    private static final int NOTIFIERS = Integer.getInteger("replyBehindBroadcast.notifiers", 1);
    private static final long SEED = Long.getLong("replyBehindBroadcast.seed", System.nanoTime());
    private static final FloodLimits TELEGRAM = FloodLimits.of(1.0, 3, 30.0);
    private static final double TELEGRAM_PER_SECOND = 30.0;
    private static final Path REPORT = Path.of("target", "benchmarks", "reply-behind-broadcast.txt");
    private static final AtomicLong USER_IDS = new AtomicLong(9_000_000 + System.nanoTime() % 1_000_000);

    private static NotifierTestStack stack;
    private static SandboxClient sandbox;
    private static ProcessorOutput processor;
    private static final List<ConfigurableApplicationContext> notifiers = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = NotifierTestStack.start(TOKEN, TELEGRAM);
        sandbox = stack.sandbox();
        processor = new ProcessorOutput(stack.broker().bootstrapServers(), "reply-behind-broadcast-it");
    }

    @AfterAll
    static void stop() {
        notifiers.forEach(ConfigurableApplicationContext::close);
        if (processor != null) {
            processor.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void repliesJumpAheadOfABroadcastPacedAtTelegramsLimit() throws Exception {
        // given the notifiers running with their production settings, users who wrote to the bot, an admin with the
        // broadcast's status message, and every consumer in place (a rebalance would be measured as latency)
        startNotifiers();
        List<Long> recipients = users(RECIPIENTS);
        long admin = users(1).get(0);
        long status = sandbox.botSends(admin, "📣 Broadcast queued");
        String broadcast = "r" + UUID.randomUUID().toString().substring(0, 6);
        awaitConsumerGroupsStable();

        // when the broadcast is going out at the bot-wide limit
        double loadAtStart = loadAverage();
        processor.broadcast(broadcast, recipients, text(broadcast), admin, status);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> sentMessages() >= 1 + TELEGRAM_PER_SECOND);

        // and users among its recipients get replies to their own commands at random moments of its first half
        Random random = new Random(SEED);
        List<Long> askers = new ArrayList<>(recipients);
        Collections.shuffle(askers, random);
        askers = askers.subList(0, REPLIES);
        long window = Math.round(RECIPIENTS / TELEGRAM_PER_SECOND * 1_000 / 2);
        Map<Long, Instant> producedAt = new ConcurrentHashMap<>();
        List<ScheduledFuture<?>> scheduled = new ArrayList<>();
        ScheduledExecutorService moments = Executors.newSingleThreadScheduledExecutor();
        try {
            for (long asker : askers) {
                scheduled.add(moments.schedule(() -> {
                    producedAt.put(asker, Instant.now());
                    processor.publish(List.of(ProcessorOutput.reply(asker, replyText(asker))));
                }, (long) (random.nextDouble() * window), TimeUnit.MILLISECONDS));
            }

            for (ScheduledFuture<?> reply : scheduled) {
                reply.get();
            }
        } finally {
            moments.shutdownNow();
        }

        // then every reply arrives, and the broadcast reaches everyone
        // (bounds for a busy machine, not speed requirements: 2,000 messages at 30/s take 67 s)
        List<Long> waiting = askers;
        await().atMost(Duration.ofSeconds(60 + RECIPIENTS / 10)).pollInterval(Duration.ofMillis(500))
                .until(() -> waiting.stream().allMatch(asker -> !replies(asker).isEmpty()));
        String finished = "✅ Broadcast " + broadcast + " finished: " + String.format(Locale.US, "%,d", RECIPIENTS)
                + " sent · 0 blocked";
        await().atMost(Duration.ofSeconds(60 + RECIPIENTS / 10)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(statusText(admin, status)).isEqualTo(finished));

        // each reply once, each recipient the broadcast once
        List<Instant> broadcastAt = new ArrayList<>();
        for (long user : recipients) {
            List<Instant> received = sentAt(user, text(broadcast));
            assertThat(received).as("broadcast to user %d", user).hasSize(1);
            broadcastAt.add(received.get(0));
        }
        broadcastAt.sort(null);
        Instant broadcastEnded = broadcastAt.get(broadcastAt.size() - 1);
        List<Duration> latencies = new ArrayList<>();
        List<Long> overtaken = new ArrayList<>();
        for (long asker : askers) {
            List<Instant> replied = replies(asker);
            assertThat(replied).as("replies to user %d", asker).hasSize(1);
            Instant produced = producedAt.get(asker);
            latencies.add(Duration.between(produced, replied.get(0)));
            overtaken.add(broadcastAt.stream()
                    .filter(at -> at.isAfter(produced) && at.isBefore(replied.get(0))).count());
            // ahead of the broadcast, not behind its backlog
            assertThat(replied.get(0)).as("reply to user %d", asker).isBefore(broadcastEnded);
        }
        // and Telegram's limits were never passed
        JsonNode stats = sandbox.stats();
        long tooManyRequests = stats.path("too_many_requests").asLong();
        report(latencies, overtaken, broadcastAt, tooManyRequests, loadAtStart);
        assertThat(tooManyRequests).as("429s answered: %s", stats).isZero();
    }

    /** Information only (README "Delivery at Telegram's limits"): no assertion on any of these figures. */
    private static void report(List<Duration> latencies, List<Long> overtaken, List<Instant> broadcastAt,
            long tooManyRequests, double loadAtStart) throws IOException {
        List<Long> millis = latencies.stream().map(Duration::toMillis).sorted().toList();
        List<Long> bulkSends = overtaken.stream().sorted().toList();
        double drain = Duration.between(broadcastAt.get(0), broadcastAt.get(broadcastAt.size() - 1)).toMillis() / 1e3;
        String report = String.format(Locale.US, """
                ReplyBehindBroadcastIT, %s, %d cores (1-minute load average %.1f at the broadcast's start, %.1f at \
                its end), seed %d
                broadcast: %,d recipients, %d notifier(s), flood control shared in PostgreSQL, sandbox limits \
                %.0f/s per bot, 1/s per chat (burst 3)
                broadcast: first to last delivery %.1f s: %.1f messages/s sustained
                replies: %d to distinct recipients at random moments of the broadcast's first half, \
                each delivered before the broadcast ended
                reply latency (produce to the sandbox recording it): p50 %d ms, p95 %d ms, max %d ms
                each reply's latency, ms: %s
                broadcast messages delivered while a reply waited: p50 %d, p95 %d, max %d (a notifier's bulk lane \
                yields to its own replies only: the ones another notifier sends, or that were already past their \
                turn, go ahead)
                429s answered by the sandbox: %d
                """, Instant.now(), Runtime.getRuntime().availableProcessors(),
                loadAtStart, loadAverage(), SEED, RECIPIENTS, NOTIFIERS,
                TELEGRAM_PER_SECOND, drain, (broadcastAt.size() - 1) / drain, millis.size(), percentile(millis, 50),
                percentile(millis, 95), millis.get(millis.size() - 1), millis, percentile(bulkSends, 50),
                percentile(bulkSends, 95), bulkSends.get(bulkSends.size() - 1), tooManyRequests);
        System.out.print(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Nearest rank. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static void startNotifiers() {
        for (int i = 0; i < NOTIFIERS; i++) {
            notifiers.add(stack.startNotifier());
        }
    }

    /** Both lanes' groups have every notifier's consumers and no rebalance under way. */
    private static void awaitConsumerGroupsStable() {
        var environment = notifiers.get(0).getEnvironment();
        Map<String, Integer> members = Map.of(
                environment.getRequiredProperty("spring.kafka.consumer.group-id"),
                NOTIFIERS, // one replies consumer each (OutboxConsumer)
                "contactdesk-notifier-bulk",
                NOTIFIERS * environment.getRequiredProperty("contactdesk.bulk.concurrency", Integer.class));
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<String, ConsumerGroupDescription> groups;
                try {
                    groups = admin.describeConsumerGroups(members.keySet()).all().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return false; // no consumer of that lane has joined yet
                    }
                    throw e;
                }
                return members.entrySet().stream().allMatch(group -> {
                    ConsumerGroupDescription description = groups.get(group.getKey());
                    return description.groupState() == GroupState.STABLE
                            && description.members().size() == group.getValue();
                });
            });
        }
    }

    private static List<Long> users(int count) {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = USER_IDS.incrementAndGet();
            sandbox.userWrites(id, "hi");
            users.add(id);
        }
        return users;
    }

    private static long sentMessages() {
        return sandbox.stats().path("calls").path("sendMessage").asLong();
    }

    private static List<Instant> replies(long asker) {
        return sentAt(asker, replyText(asker));
    }

    /** When the sandbox recorded each message of {@code text} the bot sent to {@code chat}. */
    private static List<Instant> sentAt(long chat, String text) {
        return sandbox.messages(chat).stream().filter(m -> m.path("text").asText().equals(text))
                .map(m -> Instant.parse(m.path("sent_at").asText())).toList();
    }

    private static String statusText(long admin, long status) {
        return sandbox.messages(admin).stream().filter(m -> m.path("message_id").asLong() == status)
                .map(m -> m.path("text").asText()).findFirst().orElse("");
    }

    private static String text(String broadcast) {
        return "<b>News</b> of broadcast " + broadcast;
    }

    private static String replyText(long asker) {
        return "your balance, user " + asker;
    }
}
