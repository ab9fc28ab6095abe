package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.notifier.support.NotifierProcess;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.notifier.support.OutboxBacklog;
import io.contactdesk.sandbox.FloodLimits;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two notifiers drain a backlog within Telegram's limits; one is killed mid-drain and comes back, so the outbox's
 * partitions are handed over twice while records are being sent. A message sent again is counted: one that was in
 * flight in the killed notifier (sent within the moment before the kill) is the price of a crash; any other was
 * sent again because a partition changed hands before its offset was committed.
 *
 * <p>Opt-in ({@code -Dnotifier.handover=true}, about 2 minutes): it checks reliability finding 2's suspicion, which
 * it did not confirm (docs/reliability.md).
 */
@EnabledIfSystemProperty(named = "notifier.handover", matches = "true",
        disabledReason = "opt-in, about 2 minutes: -Dnotifier.handover=true")
class OutboxHandoverIT {

    private static final String TOKEN = "100000004:handover-sandbox-token";
    private static final int CHATS = 300;
    private static final int PER_CHAT = 4;
    private static final int MESSAGES = CHATS * PER_CHAT;
    // A record whose call Telegram accepted is committed within milliseconds; on a loaded machine, within a second.
    private static final Duration IN_FLIGHT = Duration.ofSeconds(2);

    private final List<NotifierProcess> notifiers = new ArrayList<>();
    private NotifierTestStack stack;

    @BeforeEach
    void start() {
        stack = NotifierTestStack.start(TOKEN, FloodLimits.DEFAULT);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (NotifierProcess notifier : notifiers) {
            notifier.close();
        }
        stack.close();
    }

    @Test
    void aPartitionHandedOverMidDrainIsNotSentAgain() throws Exception {
        SandboxClient sandbox = stack.sandbox();
        long firstChat = 8_000_000 + System.nanoTime() % 1_000_000;
        for (long chat = firstChat; chat < firstChat + CHATS; chat++) {
            sandbox.userWrites(chat, "hi");
        }
        NotifierProcess first = start("handover-it-1");
        NotifierProcess second = start("handover-it-2");
        produceBacklog(firstChat);

        // when the first is killed a quarter of the way, and comes back halfway
        await().atMost(Duration.ofMinutes(2)).until(() -> sent(sandbox) >= MESSAGES / 4);
        first.kill();
        Instant killedAt = Instant.now();
        await().atMost(Duration.ofMinutes(2)).until(() -> sent(sandbox) >= MESSAGES / 2);
        start("handover-it-1b");

        // then every message arrives, and none twice but those in flight at the kill
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> sent(sandbox) >= MESSAGES);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> distinctDelivered(sandbox, firstChat) >= MESSAGES);
        Map<String, List<Instant>> sends = sends(sandbox, firstChat);
        List<String> inFlightAtKill = new ArrayList<>();
        List<String> resentAtHandover = new ArrayList<>();
        sends.forEach((text, at) -> {
            if (at.size() > 1) {
                Instant firstSent = at.get(0);
                boolean inFlight = !firstSent.isAfter(killedAt) && firstSent.isAfter(killedAt.minus(IN_FLIGHT));
                (inFlight ? inFlightAtKill : resentAtHandover).add(text + " at " + at);
            }
        });
        System.out.printf("OutboxHandoverIT: %d messages, %d sent again: %d in flight at the kill %s, %d resent at a "
                + "handover %s%n", MESSAGES, inFlightAtKill.size() + resentAtHandover.size(), inFlightAtKill.size(),
                inFlightAtKill, resentAtHandover.size(), resentAtHandover);
        assertThat(resentAtHandover).isEmpty();
        assertThat(second.alive()).isTrue();
    }

    private NotifierProcess start(String name) throws InterruptedException {
        NotifierProcess notifier = NotifierProcess.start(name, stack.notifierArguments());
        notifiers.add(notifier);
        return notifier.awaitReady(Duration.ofMinutes(2));
    }

    private void produceBacklog(long firstChat) {
        OutboxBacklog.produce(stack.broker().bootstrapServers(), "handover-it", firstChat, CHATS, PER_CHAT);
    }

    private static String text(long chat, int round) {
        return OutboxBacklog.text(chat, round);
    }

    private static long sent(SandboxClient sandbox) {
        return sandbox.stats().path("calls").path("sendMessage").asLong();
    }

    private static long distinctDelivered(SandboxClient sandbox, long firstChat) {
        return sends(sandbox, firstChat).size();
    }

    /** Every text the bot sent, with when each copy of it was sent. */
    private static Map<String, List<Instant>> sends(SandboxClient sandbox, long firstChat) {
        Map<String, List<Instant>> sends = new HashMap<>();
        for (long chat = firstChat; chat < firstChat + CHATS; chat++) {
            for (JsonNode message : sandbox.messages(chat)) {
                if ("bot".equals(message.path("from").asText("bot"))) {
                    sends.computeIfAbsent(message.path("text").asText(), text -> new ArrayList<>())
                            .add(Instant.parse(message.path("sent_at").asText()));
                }
            }
        }
        return sends;
    }
}
