package io.contactdesk.localstack;

import io.contactdesk.contracts.crypto.ContactCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end scenario on the local stack exactly as users run it: embedded KRaft broker and PostgreSQL. */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class EmbeddedKafkaWalkingSkeletonIT extends WalkingSkeletonScenario {

    /** Two keys, as during a rotation: neither may reach a log line. */
    private static final String KEYRING = ContactCipher.generateKeyringEntry("e2e2") + ","
            + ContactCipher.generateKeyringEntry("e2e1");

    @TempDir
    static Path dataDir;

    private static LogTee logs;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        logs = LogTee.install();
        stack = new LocalStack(new LocalStackSettings(0, 0, 0, dataDir, null, null, "", null, 0, KEYRING)).start();
    }

    @AfterAll
    static void stopStack() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (logs != null) {
                logs.close();
            }
        }
    }

    @Override
    LocalStack stack() {
        return stack;
    }

    /** Hostile input on the same running stack: a second stack would cost more than the storm itself. */
    @Nested
    @Order(1)
    class HostileInput extends HostileInputScenario {

        @Override
        LocalStack stack() {
            return stack;
        }
    }

    /**
     * Telegram's everyday updates and its id restart, last: the restart starts a new ingress epoch, and the hostile
     * scenario repeats sandbox-given ids, sealed in the epoch the poller was in, to test the dedupe.
     */
    @Nested
    @Order(2)
    class TelegramAsItIs extends TelegramAsItIsScenario {

        @Override
        LocalStack stack() {
            return stack;
        }
    }

    /** Last, so that its search covers the log lines of every scenario before it. */
    @Nested
    @Order(3)
    class SecretsStayOutOfLogs extends SecretsStayOutOfLogsScenario {

        @Override
        LocalStack stack() {
            return stack;
        }

        @Override
        String keyring() {
            return KEYRING;
        }

        /** The console's lines and the full log's: the console shows only part of what the file holds. */
        @Override
        List<String> logLines() {
            List<String> lines = new ArrayList<>(logs.lines());
            try {
                lines.addAll(Files.readAllLines(stack.logFile(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return lines;
        }
    }
}
