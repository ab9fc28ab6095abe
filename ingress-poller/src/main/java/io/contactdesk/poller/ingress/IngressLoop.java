package io.contactdesk.poller.ingress;

import io.contactdesk.poller.telegram.UpdateSource;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The ingress: poll the Bot API with the next offset, publish the batch to Kafka in one transaction, and only then
 * ask for more — the next poll's offset is what confirms the batch to Telegram. A crash anywhere in between either
 * loses nothing (not committed: Telegram sends it again) or repeats nothing (committed: the offset in Kafka says so).
 */
public final class IngressLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngressLoop.class);

    private final UpdateSource source;
    private final IngressOffsets offsets;
    private final Supplier<UpdatePublisher> publishers;
    private final long botId;
    private final IngressStatus status;
    private final Backoff backoff;
    private final Clock clock;
    private final Counter published;
    private final Counter pollFailures;
    private volatile boolean running;
    private Thread thread;

    public IngressLoop(UpdateSource source, IngressOffsets offsets, Supplier<UpdatePublisher> publishers, long botId,
            IngressStatus status, Backoff backoff, Clock clock, MeterRegistry meters) {
        this.source = source;
        this.offsets = offsets;
        this.publishers = publishers;
        this.botId = botId;
        this.status = status;
        this.backoff = backoff;
        this.clock = clock;
        this.published = Counter.builder("contactdesk.ingress.updates.published").register(meters);
        this.pollFailures = Counter.builder("contactdesk.ingress.poll.failures").register(meters);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "ingress-poller");
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        source.interrupt();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        UpdatePublisher publisher = null;
        try {
            long next = resumeOffset();
            publisher = publishers.get();
            while (running) {
                List<ReceivedUpdate> batch = poll(next);
                if (batch.isEmpty()) {
                    continue;
                }
                publisher = publishUntilCommitted(publisher, batch);
                next = batch.stream().mapToLong(ReceivedUpdate::updateId).max().orElseThrow() + 1;
                status.published(next - 1, clock.instant());
            }
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            // Another poller took over this bot's transactional id: this one must never publish again.
            status.fenced();
            log.error("ingress fenced by another poller instance; polling stopped");
        } catch (StoppedException e) {
            log.info("ingress stopped");
        } finally {
            if (publisher != null) {
                publisher.close();
            }
            running = false;
        }
    }

    private long resumeOffset() {
        while (running) {
            try {
                OptionalLong last = offsets.lastPublished(botId);
                last.ifPresent(id -> status.published(id, clock.instant()));
                log.info("ingress resumes after update {}", last.isPresent() ? last.getAsLong() : "(none yet)");
                return last.isPresent() ? last.getAsLong() + 1 : 0;
            } catch (KafkaException | IllegalStateException e) {
                log.warn("cannot read ingress offsets yet: {}", e.toString());
                pause(backoff.next());
            }
        }
        throw new StoppedException();
    }

    private List<ReceivedUpdate> poll(long offset) {
        try {
            List<ReceivedUpdate> batch = source.poll(offset).stream().filter(u -> u.updateId() >= offset).toList();
            status.polled(clock.instant());
            backoff.reset();
            return batch;
        } catch (UpdateSource.UpdateSourceException e) {
            if (!running) {
                throw new StoppedException();
            }
            pollFailures.increment();
            status.pollFailed(e.getMessage());
            log.warn("{}; retrying", e.getMessage());
            pause(backoff.next());
            return List.of();
        }
    }

    private UpdatePublisher publishUntilCommitted(UpdatePublisher publisher, List<ReceivedUpdate> batch) {
        UpdatePublisher current = publisher;
        while (running) {
            try {
                current.publish(batch, clock.instant());
                published.increment(batch.size());
                backoff.reset();
                return current;
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                throw e;
            } catch (KafkaException e) {
                // The aborted batch is republished whole by a fresh producer; Telegram has not been told anything.
                log.warn("publishing {} updates failed, retrying: {}", batch.size(), e.toString());
                status.publishFailed(e.toString());
                current.close();
                pause(backoff.next());
                current = publishers.get();
            }
        }
        throw new StoppedException();
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppedException();
        }
    }

    private static final class StoppedException extends RuntimeException {
    }
}
