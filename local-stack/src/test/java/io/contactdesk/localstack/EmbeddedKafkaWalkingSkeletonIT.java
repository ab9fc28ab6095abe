package io.contactdesk.localstack;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end scenario on the local stack exactly as users run it: embedded KRaft broker and PostgreSQL. */
class EmbeddedKafkaWalkingSkeletonIT extends WalkingSkeletonScenario {

    @TempDir
    static Path dataDir;

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = new LocalStack(new LocalStackSettings(0, 0, 0, dataDir, null, null, "", null, 0, null)).start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    LocalStack stack() {
        return stack;
    }

    /** Hostile input on the same running stack: a second stack would cost more than the storm itself. */
    @Nested
    class HostileInput extends HostileInputScenario {

        @Override
        LocalStack stack() {
            return stack;
        }
    }
}
