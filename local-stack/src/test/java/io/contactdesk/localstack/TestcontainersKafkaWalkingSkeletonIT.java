package io.contactdesk.localstack;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same scenario against Testcontainers' Kafka, where a Docker engine exists. Without one (as on
 * the build machines) JUnit reports it skipped: "Disabled because Docker is not available".
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaWalkingSkeletonIT extends WalkingSkeletonScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.0.0");

    @TempDir
    static Path dataDir;

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = new LocalStack(new LocalStackSettings(0, 0, 0, dataDir, null, null, "", KAFKA.getBootstrapServers(), 0, null))
                .start();
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
}
