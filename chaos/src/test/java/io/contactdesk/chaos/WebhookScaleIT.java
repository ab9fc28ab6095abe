package io.contactdesk.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.config.Settings;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.events.EventIds;
import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.events.LedgerKind;
import io.contactdesk.contracts.events.OutboxMessage;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.FreePort;
import io.contactdesk.infra.KraftBroker;
import io.contactdesk.infra.process.ServiceProcess;
import io.contactdesk.sandbox.TelegramSandbox;
import io.contactdesk.sandbox.webhook.WebhookSenderSettings;
import io.contactdesk.testsupport.CommittedRecords;
import io.contactdesk.testsupport.SandboxClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook ingress scaled out for real: three ingress instances in webhook mode, each its own process, behind Debian's
 * nginx; the sandbox, as Telegram, delivers 10,000 updates from 1,000 users through nginx with 40 connections; one
 * instance is killed with SIGKILL mid-way. Every update must be answered 2xx in the end (Telegram retries what the dead
 * instance dropped), handled by the processor exactly once (one set of replies per update, no reply twice) and
 * credited exactly once (one signup bonus per user). A forged request through the same nginx changes nothing.
 *
 * <p>{@code -Dwebhook.users} and {@code -Dwebhook.updatesPerUser} size it (1,000 × 10 by default).
 * {@code -Dwebhook.plant=swallow-one} plants a fault to show the verdicts see it ({@link SwallowingUpstream}: one update
 * answered 200 in front of the instances and never forwarded); the run must then fail naming that update lost.
 */
class WebhookScaleIT {

    private static final Logger log = LoggerFactory.getLogger(WebhookScaleIT.class);
    private static final String TOKEN = "100000001:local-sandbox-token";
    private static final String SECRET = "scale-test-secret_" + UUID.randomUUID().toString().replace("-", "");
    private static final String PATH = "/telegram/webhook";
    private static final int USERS = Integer.getInteger("webhook.users", 1_000);
    private static final int UPDATES_PER_USER = Integer.getInteger("webhook.updatesPerUser", 10);
    private static final long FIRST_USER = 700_000;
    private static final long FORGED_UPDATE_ID = 1_999_999_999L;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The planted fault, or empty for none. */
    private static final String PLANT = System.getProperty("webhook.plant", "").trim();

    @Test
    void threeInstancesBehindNginxTakeEveryUpdateOnceThoughOneIsKilledMidway() throws Exception {
        assertThat(PLANT).as("-Dwebhook.plant: empty or swallow-one").isIn("", "swallow-one");
        Nginx.ensureInstalled();
        Path target = Path.of("target").toAbsolutePath();
        Path work = Files.createTempDirectory("webhook-scale-");
        Path logs = Files.createDirectories(target.resolve("chaos-logs/webhook-scale"));
        int total = USERS * UPDATES_PER_USER;
        long started = System.nanoTime();
        try (KraftBroker broker = KraftBroker.builder().build().start();
             TelegramSandbox sandbox = TelegramSandbox.builder().port(0).token(TOKEN).disableFloodLimits()
                     .webhook(new WebhookSenderSettings(true, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(10)))
                     .build().start()) {
            int nginxPort = FreePort.any();
            String url = "http://localhost:" + nginxPort + PATH;
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            environment.put("TELEGRAM_TOKEN", TOKEN);
            environment.put("TELEGRAM_API_URL", sandbox.baseUrl());
            environment.put("CONTACT_ENCRYPTION_KEYS", ContactCipher.generateKeyringEntry("k1"));
            environment.put("PAYMENT_PAYLOAD_KEY", Settings.generateSecretKey(32));
            environment.put("BOT_USERNAME", "contactdesk_bot");
            environment.put("ADMIN_USER_IDS", "1");
            environment.put("RATE_LIMIT_MAX_REQUESTS", "1000");
            environment.put("TELEGRAM_WEBHOOK_URL", url);
            environment.put("TELEGRAM_WEBHOOK_SECRET", SECRET);
            environment.put("WEBHOOK_MAX_CONNECTIONS", "40");
            Path repoRoot = target.getParent().getParent();
            List<String> jvmArgs = Arrays.asList(System.getProperty("chaos.jvmArgs",
                    "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").trim().split("\\s+"));
            Path jars = target.resolve("chaos-jars");
            Path state = Files.createDirectories(work.resolve("streams"));

            List<ServiceProcess> ingress = new ArrayList<>();
            List<Integer> webhookPorts = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int webhookPort = FreePort.any();
                webhookPorts.add(webhookPort);
                Map<String, String> own = new HashMap<>(environment);
                own.put("WEBHOOK_PORT", Integer.toString(webhookPort));
                ingress.add(new ServiceProcess("ingress-poller", i, repoRoot, own, FreePort.any(), logs, state,
                        jvmArgs, jars));
            }
            ServiceProcess processor = new ServiceProcess("command-processor", 1, repoRoot, environment,
                    FreePort.any(), logs, state, jvmArgs, jars);
            List<ServiceProcess> all = new ArrayList<>(ingress);
            all.add(processor);
            List<Integer> upstreams = new ArrayList<>(webhookPorts);
            SwallowingUpstream swallower = null;
            if (PLANT.equals("swallow-one")) {
                int port = FreePort.any();
                swallower = SwallowingUpstream.start(port, SECRET);
                upstreams.add(port);
                log.info("planted swallow-one: a fourth upstream behind nginx answers one update 200 and drops it");
            }
            try (Nginx nginx = Nginx.start(work.resolve("nginx"), nginxPort, PATH, upstreams)) {
                all.forEach(ServiceProcess::start);
                for (ServiceProcess service : all) {
                    assertThat(service.awaitHealthy(Duration.ofMinutes(3)))
                            .as(service.name() + " healthy at start-up:\n" + service.tail(30)).isTrue();
                }
                log.info("3 webhook instances and the processor ready after {} s", seconds(started));

                // given a forged update through the load balancer, without the secret and with a wrong one
                assertThat(postThroughNginx(nginxPort, null)).isEqualTo(401);
                assertThat(postThroughNginx(nginxPort, SECRET.substring(1))).isEqualTo(401);

                // when 1,000 users send 10 updates each, and one instance dies half-way
                long sending = System.nanoTime();
                Map<Long, Long> userOf = send(sandbox.baseUrl(), total, () -> ingress.get(1).kill());
                log.info("{} updates sent in {} s", total, seconds(sending));

                // then Telegram's queue drains: every update was answered 2xx by some instance
                JsonNode drained = awaitPendingZero(sandbox, Duration.ofSeconds(120));
                log.info("every update answered 2xx after {} s; Telegram's last delivery error: {}", seconds(sending),
                        drained.path("last_error_message").asText("none"));

                // and the processor handled each exactly once: replies for every update, none twice
                Set<String> expectedCauses = new HashSet<>();
                userOf.keySet().forEach(id -> expectedCauses.add(EventIds.update(id)));
                Map<String, Integer> outboxIds = new HashMap<>();
                Set<String> answered = new HashSet<>();
                try {
                    await().atMost(Duration.ofSeconds(120)).pollInSameThread().pollInterval(Duration.ofSeconds(1))
                            .until(() -> {
                        outboxIds.clear();
                        answered.clear();
                        for (ConsumerRecord<String, OutboxMessage> record
                                : CommittedRecords.of(broker.bootstrapServers(), Topics.OUTBOX)) {
                            OutboxMessage reply = record.value();
                            if (reply == null) {
                                continue;
                            }
                            outboxIds.merge(reply.outboxId(), 1, Integer::sum);
                            answered.add(reply.causeId() == null ? "" : reply.causeId().split("/")[0]);
                        }
                        return answered.containsAll(expectedCauses);
                    });
                } catch (ConditionTimeoutException e) {
                    // the assertions below name what was not answered
                }
                assertThat(expectedCauses).hasSize(total);
                if (swallower != null) {
                    log.info("planted swallow-one: update {} was answered 200 and never forwarded",
                            swallower.swallowedUpdateId());
                }
                Set<String> lost = new HashSet<>(expectedCauses);
                lost.removeAll(answered);
                assertThat(lost).as("updates lost: answered 2xx to Telegram but never handled (%d of %d)",
                        lost.size(), total).isEmpty();
                assertThat(outboxIds.entrySet()).filteredOn(e -> e.getValue() > 1).isEmpty();

                // and credited exactly once: one signup bonus per user
                Map<Long, Integer> bonuses = new HashMap<>();
                List<LedgerEntry> others = new ArrayList<>();
                // The whole topic, committed with the replies read above: a repeat would be in it.
                for (ConsumerRecord<String, LedgerEntry> record
                        : CommittedRecords.of(broker.bootstrapServers(), Topics.LEDGER)) {
                    LedgerEntry entry = record.value();
                    if (entry == null) {
                        continue;
                    }
                    if (entry.kind() == LedgerKind.SIGNUP_BONUS) {
                        bonuses.merge(entry.userId(), 1, Integer::sum);
                    } else {
                        others.add(entry);
                    }
                }
                assertThat(bonuses).hasSize(USERS);
                assertThat(bonuses.values()).containsOnly(1);
                // and the forgeries changed nothing: no grant, no reply to them
                assertThat(others).isEmpty();
                assertThat(answered).doesNotContain(EventIds.update(FORGED_UPDATE_ID));
                assertThat(ingress.get(0).alive() && ingress.get(2).alive()).isTrue();
                assertThat(nginx.alive()).as(nginx.errors()).isTrue();
                log.info("webhook scale run: {} updates, {} users, 3 instances (one killed), {} s in all",
                        total, USERS, seconds(started));
            } finally {
                all.forEach(ServiceProcess::stop);
                if (swallower != null) {
                    swallower.close();
                }
            }
        }
    }

    /**
     * Each user sends {@code /start}, then {@code /balance}s, one user's updates in order; eight users at a time.
     * {@code midway} runs once half of the updates were sent. Returns update id → user.
     */
    private static Map<Long, Long> send(String sandbox, int total, Runnable midway) throws Exception {
        SandboxClient users = new SandboxClient(sandbox);
        Map<Long, Long> userOf = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                long user = FIRST_USER + u;
                all.add(pool.submit(() -> {
                    for (int n = 0; n < UPDATES_PER_USER; n++) {
                        long id = users.userWrites(user, "U" + user, n == 0 ? "/start" : "/balance");
                        assertThat(id).isPositive();
                        userOf.put(id, user);
                        if (sent.incrementAndGet() == total / 2) {
                            log.info("killing ingress-poller-2 (SIGKILL) after {} updates", total / 2);
                            midway.run();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : all) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return userOf;
    }

    private static JsonNode awaitPendingZero(TelegramSandbox sandbox, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        SandboxClient bot = new SandboxClient(sandbox.baseUrl(), TOKEN);
        JsonNode info = null;
        while (System.nanoTime() < deadline) {
            info = bot.webhookInfo();
            if (info.path("pending_update_count").asInt(-1) == 0) {
                return info;
            }
            ServiceProcess.sleep(250);
        }
        throw new AssertionError("Telegram's queue did not drain within " + atMost + ": " + info);
    }

    private static int postThroughNginx(int port, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"update_id\":" + FORGED_UPDATE_ID + ",\"message\":{\"message_id\":1,"
                        + "\"date\":1,\"chat\":{\"id\":1,\"type\":\"private\"},\"from\":{\"id\":1,\"is_bot\":false,"
                        + "\"first_name\":\"x\"},\"text\":\"/grant 1 1000\"}}"));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Reads {@code topic} from the start, read_committed, until {@code done} says so, or (with {@code toEnd}) the end
     * of the topic is reached, or {@code atMost} passed.
     */
    private static long seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1_000_000_000;
    }
}
