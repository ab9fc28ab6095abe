package io.contactdesk.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.contactdesk.notifier.support.NotifierTestStack;
import io.contactdesk.notifier.support.OutboxBacklog;
import io.contactdesk.sandbox.FloodLimits;
import io.contactdesk.testsupport.SandboxClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two notifiers drain a backlog at Telegram's bot-wide limit on their shared buckets in PostgreSQL, and PostgreSQL
 * goes away halfway and comes back: through the switch to their own shares, the outage and the switch back, the
 * sandbox (Telegram's limits: 1 a second per chat after a burst of 3, 30 a second for the bot) never answers 429.
 * The 30-minute chaos runs of 2026-12-06 earned their 429s so, inside PostgreSQL outages (docs/reliability.md,
 * finding 8).
 */
class FloodControlThroughDatabaseOutageIT {

    private static final String TOKEN = "100000003:flood-outage-token";
    private static final int CHATS = 300;
    private static final int MESSAGES_PER_CHAT = 3;
    private static final int MESSAGES = CHATS * MESSAGES_PER_CHAT;
    // The outage lasts while this many messages go out on the notifiers' own shares: about 12 s at 30 a second.
    private static final int SENT_DURING_OUTAGE = 360;

    private static NotifierTestStack stack;
    private static SandboxClient sandbox;

    @BeforeAll
    static void start() {
        stack = NotifierTestStack.start(TOKEN, FloodLimits.of(1.0, 3, 30.0));
        sandbox = stack.sandbox();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoNotifiersKeepTelegramsLimitsWhilePostgresqlGoesAndComesBack() {
        // given users who wrote to the bot, two notifiers, and a backlog of 3 replies to each user
        long firstChat = 8_000_000 + System.nanoTime() % 1_000_000;
        for (long chat = firstChat; chat < firstChat + CHATS; chat++) {
            sandbox.userWrites(chat, "hi");
        }
        stack.startNotifier();
        stack.startNotifier();
        OutboxBacklog.produce(stack.broker().bootstrapServers(), "flood-outage-it", firstChat, CHATS, MESSAGES_PER_CHAT);

        // when PostgreSQL stops while they send at the bot-wide limit, and starts again after a while
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> sent() >= 150);
        long before = sent();
        Instant down = Instant.now();
        stack.postgres().stop();
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> sent() >= before + SENT_DURING_OUTAGE);
        } finally {
            stack.postgres().start();
        }
        Instant up = Instant.now();

        // then Telegram never refused a call for its flood limits
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> sent() - sandbox.floodRefusals().size() >= MESSAGES);
        assertThat(sandbox.floodRefusals()).as("429s answered by the sandbox (PostgreSQL away %s to %s)", down, up)
                .isEmpty();
        // and every message arrived, once each, in order
        for (long chat = firstChat; chat < firstChat + CHATS; chat++) {
            List<String> texts = new ArrayList<>();
            for (JsonNode message : sandbox.messages(chat)) {
                if ("bot".equals(message.path("from").asText("bot"))) {
                    texts.add(message.path("text").asText());
                }
            }
            assertThat(texts).as("chat %d", chat).containsExactly(OutboxBacklog.text(chat, 0),
                    OutboxBacklog.text(chat, 1), OutboxBacklog.text(chat, 2));
        }
        assertThat(sent()).isEqualTo(MESSAGES);
    }

    private static long sent() {
        return sandbox.stats().path("calls").path("sendMessage").asLong();
    }
}
