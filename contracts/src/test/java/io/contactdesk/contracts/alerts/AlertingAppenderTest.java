package io.contactdesk.contracts.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.contactdesk.contracts.events.OpsAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertingAppenderTest {

    private final List<OpsAlert> alerts = new ArrayList<>();
    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void attach() {
        AlertingAppender appender = new AlertingAppender("db-writer", "host-1", alerts::add);
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Test
    void anErrorBecomesAnAlertWithTheHeadOfItsStackTrace() {
        context.getLogger("io.contactdesk.dbwriter.Writer").error("batch of {} failed", 12, new IllegalStateException("db gone"));

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.service()).isEqualTo("db-writer");
            assertThat(alert.severity()).isEqualTo("ERROR");
            assertThat(alert.message()).isEqualTo("batch of 12 failed");
            assertThat(alert.stackHead()).startsWith("java.lang.IllegalStateException: db gone").contains("\tat ");
        });
    }

    @Test
    void repeatsOfOneProblemShareAFingerprintAndOtherProblemsDoNot() {
        Logger writer = context.getLogger("io.contactdesk.dbwriter.Writer");
        writer.error("batch of {} failed", 12, new IllegalStateException("a"));
        writer.error("batch of {} failed", 99, new IllegalStateException("b"));
        writer.error("batch of {} failed", 12, new IllegalArgumentException("c"));

        assertThat(alerts.get(0).fingerprint()).isEqualTo(alerts.get(1).fingerprint());
        assertThat(alerts.get(2).fingerprint()).isNotEqualTo(alerts.get(0).fingerprint());
    }

    @Test
    void warningsAndKafkaClientErrorsAreNotAlerts() {
        context.getLogger("io.contactdesk.x").warn("just a warning");
        context.getLogger("org.apache.kafka.clients.NetworkClient").error("broker unreachable");

        assertThat(alerts).isEmpty();
    }

    @Test
    void hugeMessagesAreCut() {
        context.getLogger("io.contactdesk.x").setLevel(Level.ALL);
        context.getLogger("io.contactdesk.x").error("x".repeat(50_000));

        assertThat(alerts.get(0).message()).hasSizeLessThan(AlertingAppender.MAX_MESSAGE + 5);
    }

    @Test
    void aThreadLoggingIsNotHeldUpWhileAnotherHandsAnAlertOn() throws Exception {
        // given an appender whose alert consumer is stuck (as a producer waiting for a broker that is away)
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LoggerContext stuckContext = new LoggerContext();
        AlertingAppender appender = new AlertingAppender("ingress-poller", "host-1", alert -> {
            inside.countDown();
            awaitQuietly(release);
        });
        appender.setContext(stuckContext);
        appender.start();
        stuckContext.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        Thread erring = new Thread(() -> stuckContext.getLogger("io.contactdesk.x").error("topics not configured"));
        erring.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        // when another thread logs meanwhile (Kafka's network thread does, under the producer's lock)
        CompletableFuture<Void> logging = CompletableFuture.runAsync(
                () -> stuckContext.getLogger("io.contactdesk.y").info("rebootstrapping"));

        // then it is not made to wait for the appender
        try {
            logging.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            erring.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
