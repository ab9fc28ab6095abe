package io.contactdesk.contracts.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contactdesk.contracts.events.OpsAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertPublisherTest {

    private final CountDownLatch taken = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<OpsAlert> sent = new CopyOnWriteArrayList<>();
    private AlertPublisher publisher;

    @AfterEach
    void close() {
        release.countDown();
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void queuedAlertsAreSentInOrder() {
        publisher = new AlertPublisher(sent::add);

        publisher.publish(alert("a"));
        publisher.publish(alert("b"));
        publisher.publish(alert("c"));

        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 3);
        assertThat(sent).extracting(OpsAlert::message).containsExactly("a", "b", "c");
    }

    @Test
    void publishingReturnsWhileTheProducerIsStuck() throws Exception {
        // given a producer stuck waiting for a broker that is away
        publisher = new AlertPublisher(this::stuck);
        publishFromAnotherThread(alert("first"));
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();

        // when a logging thread publishes meanwhile, then it returns (a deadlock would keep it here)
        publishFromAnotherThread(alert("second"));
        assertThat(publisher.dropped()).isZero();
    }

    @Test
    void alertsBeyondTheQueueAreDroppedAndCounted() throws Exception {
        publisher = new AlertPublisher(this::stuck);
        publishFromAnotherThread(alert("taken by the sender"));
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < AlertPublisher.QUEUE_CAPACITY + 5; i++) {
            publisher.publish(alert("queued " + i));
        }

        assertThat(publisher.dropped()).isEqualTo(5);
    }

    /** Fails, instead of hanging the build, when publishing waits for the producer. */
    private void publishFromAnotherThread(OpsAlert alert) throws Exception {
        CompletableFuture.runAsync(() -> publisher.publish(alert)).get(10, TimeUnit.SECONDS);
    }

    private void stuck(OpsAlert alert) {
        taken.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OpsAlert alert(String message) {
        return new OpsAlert("id-" + message, "ERROR", "ingress-poller", "host-1", "fingerprint", message, null,
                Instant.parse("2026-12-06T10:00:00Z"));
    }
}
