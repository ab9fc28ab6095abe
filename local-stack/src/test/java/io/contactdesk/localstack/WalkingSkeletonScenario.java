package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end: a {@code /start} typed into the sandbox travels poller → Kafka →
 * processor → Kafka → notifier → Bot API, and db-writer persists what happened. Subclasses choose
 * which Kafka broker the stack runs on.
 */
abstract class WalkingSkeletonScenario {

    private static final Duration PIPELINE = Duration.ofSeconds(60);

    abstract LocalStack stack();

    @Test
    void startGrantsTheSignupBonusOnceAndEveryPartAgrees() throws Exception {
        LocalStack stack = stack();
        SandboxUser user = new SandboxUser(stack.telegramApiUrl(), 42);
        Ledger ledger = new Ledger(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());

        // when user 42 starts the bot
        user.sends("/start");

        // then the welcome reply shows the signup bonus
        await().atMost(PIPELINE).until(() -> user.chat().size() >= 1);
        assertThat(user.chat().get(0)).contains("3 credits");

        // and /balance answers 3
        user.sends("/balance");
        await().atMost(PIPELINE).until(() -> user.chat().size() >= 2);
        assertThat(user.chat().get(1)).contains("3 credits");

        // and PostgreSQL holds the user and exactly one ledger entry of +3
        await().atMost(PIPELINE).until(() -> ledger.hasUser(42) && !ledger.deltasOf(42).isEmpty());
        assertThat(ledger.deltasOf(42)).containsExactly(3L);

        // when the user starts again
        user.sends("/start");
        user.sends("/balance");

        // then nothing more is granted: the bot still says 3, and once db-writer has drained the ledger, one entry
        await().atMost(PIPELINE).until(() -> user.chat().size() >= 4);
        assertThat(user.chat().get(3)).contains("3 credits");
        try (ConsumerGroups groups = new ConsumerGroups(stack.kafkaBootstrapServers())) {
            await().atMost(PIPELINE).until(() -> groups.hasDrained("contactdesk-db-writer", Topics.LEDGER.name()));
        }
        assertThat(ledger.deltasOf(42)).containsExactly(3L);
    }
}
