package io.contactdesk.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.infra.FreePort;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack keeps its data directory: users, credits and a half-written listing survive a restart. */
class LocalStackRestartIT {

    private static final Duration PIPELINE = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsUsersCreditsAndAnOpenSubmissionConversation() throws Exception {
        // the same ports on both runs, as a user's stack has them
        LocalStackSettings settings = new LocalStackSettings(FreePort.any(), freePairOfPorts(), FreePort.any(), dataDir,
                null, null, "", null, 0, null);

        // given a user who started the bot and began a submission
        try (LocalStack stack = new LocalStack(settings).start()) {
            SandboxUser user = new SandboxUser(stack.telegramApiUrl(), 42);
            user.sends("/start");
            await().atMost(PIPELINE).until(() -> user.chat().size() >= 1);
            user.sends("/submit");
            await().atMost(PIPELINE).until(() -> user.chat().size() >= 2);
            assertThat(user.chat().get(1)).contains("title");
        }

        // when the stack starts again on the same data directory
        try (LocalStack stack = new LocalStack(settings).start()) {
            SandboxUser user = new SandboxUser(stack.telegramApiUrl(), 42);
            Ledger ledger = new Ledger(stack.postgres().jdbcUrl(), stack.postgres().user(), stack.postgres().password());

            // then the conversation goes on where it was (the sandbox is new, so its chat starts empty)
            user.sends("Reliable plumber");
            await().atMost(PIPELINE).until(() -> user.chat().size() >= 1);
            assertThat(user.chat().get(0)).contains("category");

            // and the credits are still there, in the processor and in PostgreSQL
            user.sends("/balance");
            await().atMost(PIPELINE).until(() -> user.chat().size() >= 2);
            assertThat(user.chat().get(1)).contains("3 credits");
            assertThat(ledger.deltasOf(42)).containsExactly(3L);
        }
    }


    /** A client port whose successor (the controller port) is free too. */
    private static int freePairOfPorts() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FreePort.any();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two adjacent free ports");
    }
}
