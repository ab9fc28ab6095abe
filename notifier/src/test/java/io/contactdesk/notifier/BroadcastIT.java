package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.events.BroadcastControl;
import io.contactdesk.contracts.events.DeliveryReport;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.notifier.support.NotifierProcess;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.notifier.support.ProcessorOutput;
import io.contactdesk.sandbox.FloodLimits;
import io.contactdesk.testsupport.CommittedRecords;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broadcasts through notifiers in JVMs of their own (killed as a crash would), a real KRaft broker, a real PostgreSQL
 * and the sandbox enforcing Telegram's flood limits. The notifiers are held to 10 messages a second for the whole bot,
 * so a broadcast of 150 lasts long enough to be interrupted.
 */
class BroadcastIT {

    private static final String TOKEN = "100000003:broadcast-sandbox-token";
    private static final int RECIPIENTS = 150;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AtomicLong USER_IDS = new AtomicLong(8_000_000 + System.nanoTime() % 1_000_000);

    private static NotifierTestStack stack;
    private static SandboxClient sandbox;
    private static ProcessorOutput processor;
    private final List<NotifierProcess> notifiers = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = NotifierTestStack.start(TOKEN, FloodLimits.of(1.0, 3, 30.0));
        sandbox = stack.sandbox();
        processor = new ProcessorOutput(stack.broker().bootstrapServers(), "broadcast-it");
    }

    @AfterEach
    void stopNotifiers() throws InterruptedException {
        for (NotifierProcess notifier : notifiers) {
            notifier.close();
        }
    }

    @AfterAll
    static void stop() {
        if (processor != null) {
            processor.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void broadcastResumesAfterACrashReachingEveryRecipientOnceWhileRepliesJumpAhead() throws Exception {
        // given 150 recipients, one of whom blocked the bot, an admin with the status message, and a user to reply to
        List<Long> recipients = users(RECIPIENTS);
        long blocked = recipients.get(0);
        sandbox.userBlocksTheBot(blocked);
        long admin = users(1).get(0);
        long status = sandbox.botSends(admin, "📣 Broadcast queued");
        long asker = users(1).get(0);
        String broadcast = "b" + UUID.randomUUID().toString().substring(0, 6);

        // and a notifier running, then the broadcast on the bulk topic with its two shards, as the processor writes it
        NotifierProcess first = startNotifier("broadcast-it-1");
        publishBroadcast(broadcast, recipients, admin, status);

        // when a third of it went out, a user's command gets replies while the bulk backlog is large
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> received(recipients, broadcast) >= RECIPIENTS / 3);
        publish(replies(asker, 6));

        // then the replies arrive while bulk messages are still pending
        await().atMost(WAIT).until(() -> sandbox.messages(asker).size() >= 4);
        assertThat(received(recipients, broadcast)).as("bulk delivered when the replies were").isLessThan(RECIPIENTS - 1);

        // when the notifier dies mid-broadcast (the bulk lane is yielding to the replies), and another takes over
        first.kill();
        int beforeCrash = received(recipients, broadcast);
        assertThat(beforeCrash).isLessThan(RECIPIENTS - 1);
        startNotifier("broadcast-it-2");

        // then the status message ends with the final count
        String finished = "✅ Broadcast " + broadcast + " finished: " + (RECIPIENTS - 1) + " sent · 1 blocked";
        await().atMost(WAIT).untilAsserted(() -> assertThat(statusText(admin, status)).isEqualTo(finished));
        // and every recipient got the broadcast exactly once, but the one who blocked the bot
        for (long user : recipients) {
            assertThat(broadcastsIn(user, broadcast)).as("user %d", user).isEqualTo(user == blocked ? 0 : 1);
        }
        // who is reported to the processor, without a dead letter
        assertThat(CommittedRecords.valuesOf(stack.broker().bootstrapServers(), Topics.DELIVERY_REPORTS,
                Long.toString(blocked)))
                .extracting(DeliveryReport::outcome, DeliveryReport::outboxId)
                .contains(Tuple.tuple(DeliveryReport.Finding.BLOCKED_BY_USER,
                        outboxId(broadcast, blocked)));
        assertThat(CommittedRecords.valuesOf(stack.broker().bootstrapServers(), Topics.OUTBOX_BULK_DLQ,
                Long.toString(blocked)))
                .isEmpty();
        // and the asker got every reply
        assertThat(sandbox.messages(asker)).extracting(m -> m.path("text").asText())
                .contains("reply 0", "reply 1", "reply 2", "reply 3", "reply 4", "reply 5");
    }

    @Test
    void cancelledBroadcastStopsSending() throws Exception {
        // given a broadcast under way
        List<Long> recipients = users(100);
        long admin = users(1).get(0);
        long status = sandbox.botSends(admin, "📣 Broadcast queued");
        String broadcast = "c" + UUID.randomUUID().toString().substring(0, 6);
        startNotifier("broadcast-it-cancel");
        publishBroadcast(broadcast, recipients, admin, status);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> received(recipients, broadcast) >= 5);

        // when the admin cancels it
        publish(List.of(ProcessorOutput.record(Topics.BROADCAST_CONTROL, broadcast,
                new BroadcastControl(broadcast, true, admin, Instant.now()))));

        // then the status message says so, with what was sent until then
        await().atMost(WAIT).untilAsserted(() -> assertThat(statusText(admin, status))
                .startsWith("⛔ Broadcast " + broadcast + " cancelled after "));
        int sent = Integer.parseInt(statusText(admin, status).replaceAll(".* after ([0-9,]+) sent", "$1")
                .replace(",", ""));
        Thread.sleep(3_000);
        assertThat(received(recipients, broadcast)).isEqualTo(sent).isLessThan(recipients.size());
    }

    // --- the processor's side

    private static void publishBroadcast(String broadcast, List<Long> recipients, long admin, long status) {
        processor.broadcast(broadcast, recipients, text(broadcast), admin, status);
    }

    private static List<ProducerRecord<String, byte[]>> replies(long chat, int count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(ProcessorOutput.reply(chat, "reply " + i));
        }
        return records;
    }

    private static void publish(List<ProducerRecord<String, byte[]>> records) {
        processor.publish(records);
    }

    private static String outboxId(String broadcast, long user) {
        return ProcessorOutput.broadcastOutboxId(broadcast, user);
    }

    private static String text(String broadcast) {
        return "<b>News</b> of broadcast " + broadcast;
    }

    // --- the sandbox's side

    private static List<Long> users(int count) {
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = USER_IDS.incrementAndGet();
            sandbox.userWrites(id, "hi");
            users.add(id);
        }
        return users;
    }

    private static int received(List<Long> recipients, String broadcast) {
        return (int) recipients.stream().mapToLong(user -> broadcastsIn(user, broadcast)).sum();
    }

    private static long broadcastsIn(long user, String broadcast) {
        return sandbox.messages(user).stream().filter(m -> m.path("text").asText().equals(text(broadcast))).count();
    }

    private static String statusText(long admin, long status) {
        return sandbox.messages(admin).stream().filter(m -> m.path("message_id").asLong() == status)
                .map(m -> m.path("text").asText()).findFirst().orElse("");
    }

    private NotifierProcess startNotifier(String name) throws InterruptedException {
        NotifierProcess notifier = NotifierProcess.start(name, stack.notifierArguments(
                // Slow enough for a broadcast of 150 to be interrupted; the sandbox allows 30/s.
                "--contactdesk.flood.global-per-second=10",
                "--contactdesk.broadcast.progress-interval=1s",
                "--contactdesk.delivery.initial-backoff=100ms",
                "--contactdesk.delivery.max-backoff=1s"));
        notifiers.add(notifier);
        return notifier.awaitReady(Duration.ofMinutes(2));
    }
}
