package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.contracts.crypto.ContactCipher;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.infra.EmbeddedPostgresServer;
import io.contactdesk.infra.FreePort;
import io.contactdesk.infra.process.BrokerProcess;
import io.contactdesk.notifier.support.NotifierProcess;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.notifier.support.OutboxBacklog;
import io.contactdesk.sandbox.FloodLimits;
import io.contactdesk.sandbox.TelegramSandbox;
import io.contactdesk.testsupport.SandboxClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A notifier killed while the broker is frozen (SIGSTOP): it goes on sending the replies it had fetched, but none of
 * its commits lands, so its successor starts from offsets that lie behind all of them. The successor must skip what
 * the settled-records journal names (docs/reliability.md, finding 11) and send every reply exactly once, in order.
 *
 * <p>The one exception is a reply sent within {@link #IN_FLIGHT} before the kill: its row may not have been written
 * yet (the journal writes each row from a thread of its own within milliseconds of the call). At the bot-wide limit
 * of 30 messages a second that is at most a few dozen; it is usually none.
 */
class NotifierKilledWhileBrokerAwayIT {

    private static final String TOKEN = "100000008:broker-away-sandbox-token";
    private static final String GROUP = "contactdesk-notifier";
    private static final int CHATS = 160;
    private static final int PER_CHAT = 3;
    private static final int MESSAGES = CHATS * PER_CHAT;
    // Frozen after a hundred sends; killed after 150 more, some 5 s at 30 a second: within the broker's own session
    // timeout (9 s), so the broker does not fence itself when it thaws, and long enough that most of those 150 were
    // sent well before the kill.
    private static final int FROZEN_AFTER = 100;
    private static final int KILLED_AFTER = FROZEN_AFTER + 150;
    private static final Duration IN_FLIGHT = Duration.ofSeconds(2);
    // The broker's JVM as BrokerProcess starts it, logging at WARN: without a configuration Logback logs at DEBUG.
    private static final List<String> BROKER_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Dlogback.configurationFile=broker-logback.xml");

    private final String keyring = ContactCipher.generateKeyringEntry("k1");
    private final List<NotifierProcess> notifiers = new ArrayList<>();
    private BrokerProcess broker;
    private EmbeddedPostgresServer postgres;
    private TelegramSandbox telegram;
    private boolean brokerFrozen;
    private CompletableFuture<EmbeddedPostgresServer> database;

    @BeforeEach
    void start() throws IOException {
        // PostgreSQL's initdb takes seconds: start it while the broker starts.
        database = CompletableFuture.supplyAsync(() -> EmbeddedPostgresServer.builder().build().start());
        Path work = Files.createDirectories(Path.of("target", "broker-away-it").toAbsolutePath());
        broker = new BrokerProcess(FreePort.orAny(0), FreePort.orAny(0),
                Files.createTempDirectory(work, "kafka"), work, BROKER_JVM);
        broker.start();
        postgres = database.join();
        telegram = TelegramSandbox.builder().port(0).token(TOKEN).floodLimits(FloodLimits.DEFAULT).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        for (NotifierProcess notifier : notifiers) {
            notifier.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (database != null) {
            database.thenAccept(EmbeddedPostgresServer::close);
        }
        if (broker != null) {
            if (brokerFrozen) {
                signalBroker("CONT");
            }
            broker.stop();
        }
    }

    @Test
    void repliesSentWhileNoCommitCouldLandAreNotSentAgainByTheNextNotifier() throws Exception {
        // given a backlog of replies that takes a notifier some 16 s to send within Telegram's limits
        SandboxClient sandbox = new SandboxClient(telegram.baseUrl(), TOKEN);
        long firstChat = 9_000_000 + System.nanoTime() % 1_000_000;
        for (long chat = firstChat; chat < firstChat + CHATS; chat++) {
            sandbox.userWrites(chat, "hi");
        }
        NotifierProcess first = start("broker-away-it-1");
        OutboxBacklog.produce(broker.bootstrapServers(), "broker-away-it", firstChat, CHATS, PER_CHAT);

        // when the broker freezes mid-drain, and the notifier is killed after sending more
        await().atMost(Duration.ofMinutes(1)).until(() -> sent(sandbox) >= FROZEN_AFTER);
        signalBroker("STOP");
        long sentWhenFrozen = sent(sandbox);
        await().atMost(Duration.ofMinutes(1)).until(() -> sent(sandbox) >= KILLED_AFTER);
        first.kill();
        Instant killedAt = Instant.now();
        long sentWhenKilled = sent(sandbox);
        signalBroker("CONT");
        start("broker-away-it-2");

        // then the next notifier sends the rest, and the outbox is drained to its end
        await().atMost(Duration.ofMinutes(2)).until(() -> sent(sandbox) >= MESSAGES);
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> outboxDrained(admin));
        }
        List<String> wrong = new ArrayList<>();
        List<String> inFlightAtKill = new ArrayList<>();
        List<String> sentAgain = new ArrayList<>();
        for (long chat = firstChat; chat < firstChat + CHATS; chat++) {
            Map<String, Instant> firstSent = new LinkedHashMap<>();
            for (JsonNode message : sandbox.messages(chat)) {
                if (!"bot".equals(message.path("from").asText("bot"))) {
                    continue;
                }
                String text = message.path("text").asText();
                Instant sentAt = Instant.parse(message.path("sent_at").asText());
                Instant before = firstSent.putIfAbsent(text, sentAt);
                if (before != null) {
                    boolean inFlight = !before.isAfter(killedAt) && before.isAfter(killedAt.minus(IN_FLIGHT));
                    (inFlight ? inFlightAtKill : sentAgain).add(text + " at " + before + " and " + sentAt);
                }
            }
            long each = chat;
            List<String> expected = IntStream.range(0, PER_CHAT).mapToObj(round -> OutboxBacklog.text(each, round))
                    .toList();
            if (!List.copyOf(firstSent.keySet()).equals(expected)) {
                wrong.add("chat " + chat + " got " + firstSent.keySet());
            }
        }
        System.out.printf("NotifierKilledWhileBrokerAwayIT: %d messages, %d sent when the broker froze, %d when the "
                + "notifier was killed; %d sent again: %d in flight at the kill %s, %d sent again after their row was "
                + "due %s%n", MESSAGES, sentWhenFrozen, sentWhenKilled, inFlightAtKill.size() + sentAgain.size(),
                inFlightAtKill.size(), inFlightAtKill, sentAgain.size(), sentAgain);
        assertThat(wrong).as("chats whose replies are missing or out of order").isEmpty();
        assertThat(sentAgain).as("replies sent again though settled more than %s before the kill", IN_FLIGHT).isEmpty();
    }

    private NotifierProcess start(String name) throws InterruptedException {
        NotifierProcess notifier = NotifierProcess.start(name, NotifierTestStack.argumentsFor(TOKEN, telegram.baseUrl(),
                keyring, broker.bootstrapServers(), postgres.url()));
        notifiers.add(notifier);
        return notifier.awaitReady(Duration.ofMinutes(2));
    }

    /** SIGSTOP freezes the broker as a long GC pause or a stalled VM would; SIGCONT thaws it. */
    private void signalBroker(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(broker.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s broker", signal).isZero();
        brokerFrozen = signal.equals("STOP");
    }

    /** Every partition of the outbox committed to its end: the records the next notifier took are all settled. */
    private static boolean outboxDrained(Admin admin) throws Exception {
        int partitions = admin.describeTopics(List.of(Topics.OUTBOX.name())).allTopicNames().get()
                .get(Topics.OUTBOX.name()).partitions().size();
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            ends.put(new TopicPartition(Topics.OUTBOX.name(), partition), OffsetSpec.latest());
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        return admin.listOffsets(ends).all().get().entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                || committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() == end.getValue().offset());
    }

    private static long sent(SandboxClient sandbox) {
        return sandbox.stats().path("calls").path("sendMessage").asLong();
    }
}
