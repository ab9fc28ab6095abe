package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.events.UpdateRef;
import io.contactdesk.contracts.retry.ExponentialBackoff;
import io.contactdesk.poller.telegram.UpdateSource;
import io.contactdesk.poller.telegram.UpdateSource.ReceivedUpdate;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 *
 * <p>Any number of instances may run; only the one holding the {@link IngressLease} polls, the others stand by. Each
 * tenure ("term") starts by fencing the previous holder's producer, then reads where it left off. A holder that finds
 * itself fenced lost the lease without noticing (a long pause): it steps down and queues up again.
 *
 * <p>Where it stands is an {@link IngressCursor}: the last update published and its ingress epoch, which grows by one
 * whenever Telegram restarts its update ids. Both are read back at the start of a term and written with every batch.
 */
public final class IngressLoop implements SmartLifecycle, IngressLease.Holder {

    private static final Logger log = LoggerFactory.getLogger(IngressLoop.class);
    /** How long losing the lease waits for the current batch to be abandoned before leaving the group anyway. */
    private static final Duration STEP_DOWN_WAIT = Duration.ofSeconds(15);

    private final UpdateSource source;
    private final IngressOffsets offsets;
    private final Supplier<UpdatePublisher> publishers;
    private final long botId;
    private final IngressLease lease;
    private final IngressStatus status;
    private final ExponentialBackoff.Steps backoff;
    private final Clock clock;
    private final Counter published;
    private final Counter pollFailures;
    private final Counter fencings;
    private final Counter idRestarts;
    private volatile boolean running;
    /** The current tenure, if this instance holds the lease; changed only on the lease thread. */
    private volatile Term term;

    public IngressLoop(UpdateSource source, IngressOffsets offsets, Supplier<UpdatePublisher> publishers, long botId,
            IngressLease lease, IngressStatus status, ExponentialBackoff.Steps backoff, Clock clock, MeterRegistry meters) {
        this.source = source;
        this.offsets = offsets;
        this.publishers = publishers;
        this.botId = botId;
        this.lease = lease;
        this.status = status;
        this.backoff = backoff;
        this.clock = clock;
        this.published = Counter.builder("contactdesk.ingress.updates.published").register(meters);
        this.pollFailures = Counter.builder("contactdesk.ingress.poll.failures").register(meters);
        this.fencings = Counter.builder("contactdesk.ingress.fenced").register(meters);
        this.idRestarts = Counter.builder("contactdesk.ingress.update_id.restarts")
                .description("How often Telegram restarted its update ids and a new ingress epoch began")
                .register(meters);
    }

    @Override
    public void start() {
        running = true;
        lease.start(this);
    }

    /** Stops polling and leaves the lease group, so that a standby takes over at once. */
    @Override
    public void stop() {
        running = false;
        lease.stop();
        leaseLost(); // in case the lease thread could not say so itself
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void leaseAcquired() {
        if (!running) {
            return;
        }
        status.leading(clock.instant());
        term = new Term();
        term.start();
    }

    @Override
    public void leaseLost() {
        Term ending = term;
        term = null;
        if (ending != null) {
            ending.end();
        }
        status.standingBy();
    }

    /** One tenure as the poller: from acquiring the lease to losing it (or finding out it was lost). */
    private final class Term implements Runnable {

        private final Thread thread = new Thread(this, "ingress-poller");
        private volatile boolean active = true;
        /** Owned by this term's thread. */
        private UpdatePublisher publisher;

        void start() {
            thread.start();
        }

        /** Stops at once: the poll in flight is cut off, a batch not yet committed is abandoned (never confirmed). */
        void end() {
            active = false;
            source.interrupt();
            thread.interrupt();
            try {
                thread.join(STEP_DOWN_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("ingress poller did not stop within {}; its producer will be fenced by the next holder",
                        STEP_DOWN_WAIT);
            }
        }

        @Override
        public void run() {
            try {
                // Fence the previous holder first: after this nothing of it can commit, so the offset read next is final.
                publisher = connect();
                IngressCursor cursor = resume();
                removeWebhook();
                while (active) {
                    IngressCursor.Batch batch = cursor.read(poll(cursor.requestOffset()));
                    if (batch.isEmpty()) {
                        continue;
                    }
                    publishUntilCommitted(batch);
                    batch.restart().ifPresent(this::epochStarted);
                    cursor = cursor.after(batch);
                    status.published(batch.last(), clock.instant());
                }
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                // Another holder initialised this bot's transactional id: this term is over, nothing of it was committed.
                active = false;
                fencings.increment();
                status.fenced();
                status.standingBy();
                log.warn("ingress fenced by another poller instance; stepping down to standby");
                lease.relinquish();
            } catch (StoppedException e) {
                log.info("ingress poller stopped");
            } finally {
                Thread.interrupted(); // so that closing the producer is not cut short by end()'s interrupt
                closePublisher();
            }
        }

        private UpdatePublisher connect() {
            while (active) {
                try {
                    UpdatePublisher connected = publishers.get();
                    backoff.reset();
                    return connected;
                } catch (ProducerFencedException | InvalidProducerEpochException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("cannot start the update publisher yet: {}", e.toString());
                    status.publishFailed(e.toString());
                    pause(backoff.next());
                }
            }
            throw new StoppedException();
        }

        private IngressCursor resume() {
            while (active) {
                try {
                    Optional<UpdateRef> last = offsets.lastPublished(botId);
                    last.ifPresent(ref -> status.published(ref, clock.instant()));
                    log.info("ingress resumes after update {}", last.map(UpdateRef::toString).orElse("(none yet)"));
                    return IngressCursor.resumeAfter(last);
                } catch (KafkaException | IllegalStateException e) {
                    log.warn("cannot read ingress offsets yet: {}", e.toString());
                    pause(backoff.next());
                }
            }
            throw new StoppedException();
        }

        /** Polling is refused while a webhook is set: switching from webhook mode back to polling ends it here. */
        private void removeWebhook() {
            while (active) {
                try {
                    source.deleteWebhook();
                    return;
                } catch (UpdateSource.UpdateSourceException e) {
                    pollFailures.increment();
                    status.pollFailed(e.getMessage());
                    log.warn("{}; retrying", e.getMessage());
                    pause(backoff.next());
                }
            }
            throw new StoppedException();
        }

        // Logged and counted once the batch is committed: an epoch begins when Kafka holds it, not when a batch that
        // may yet be retried or abandoned proposes it.
        private void epochStarted(IngressCursor.Restart restart) {
            idRestarts.increment();
            log.warn("Telegram restarted its update ids: offset {} lay outside its queue, which now starts at update {};"
                    + " ingress epoch {} begins", restart.askedFrom(), restart.firstId(), restart.newEpoch());
        }

        private List<ReceivedUpdate> poll(int offset) {
            try {
                List<ReceivedUpdate> batch = source.poll(offset);
                if (!active) {
                    throw new StoppedException(); // polled after losing the lease: not ours to publish
                }
                status.polled(clock.instant());
                backoff.reset();
                return batch;
            } catch (UpdateSource.UpdateSourceException e) {
                if (!active) {
                    throw new StoppedException();
                }
                pollFailures.increment();
                status.pollFailed(e.getMessage());
                log.warn("{}; retrying", e.getMessage());
                pause(backoff.next());
                return List.of();
            }
        }

        private void publishUntilCommitted(IngressCursor.Batch batch) {
            while (active) {
                try {
                    publisher.publish(batch.epoch(), batch.updates(), clock.instant());
                    published.increment(batch.updates().size());
                    backoff.reset();
                    return;
                } catch (ProducerFencedException | InvalidProducerEpochException e) {
                    throw e;
                } catch (KafkaException e) {
                    if (!active) {
                        break;
                    }
                    // The aborted batch is republished whole by a fresh producer; Telegram has not been told anything.
                    log.warn("publishing {} updates failed, retrying: {}", batch.updates().size(), e.toString());
                    status.publishFailed(e.toString());
                    closePublisher();
                    pause(backoff.next());
                    publisher = connect();
                }
            }
            throw new StoppedException();
        }

        private void closePublisher() {
            if (publisher != null) {
                publisher.close();
                publisher = null;
            }
        }

        private void pause(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoppedException();
            }
        }
    }

    private static final class StoppedException extends RuntimeException {
    }
}
