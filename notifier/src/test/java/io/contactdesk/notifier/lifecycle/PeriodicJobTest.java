package io.contactdesk.notifier.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicJobTest {

    @Test
    void aRunThatThrowsIsReportedAndTheNextRunStillComes() {
        // given a job whose first run fails
        AtomicInteger runs = new AtomicInteger();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        PeriodicJob job = new PeriodicJob("test-job", Duration.ofMillis(10), () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
        }, failures::add);

        // when
        job.start();
        try {
            // then
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runs).hasValueGreaterThan(2));
            assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("database away"));
        } finally {
            job.stop();
        }
    }

    @Test
    void runsFromStartToStop() {
        // given
        PeriodicJob job = new PeriodicJob("test-job", Duration.ofMinutes(1), () -> { }, e -> { });

        // when / then
        assertThat(job.isRunning()).isFalse();
        job.start();
        assertThat(job.isRunning()).isTrue();
        job.stop();
        assertThat(job.isRunning()).isFalse();
    }
}
