package io.contactdesk.contracts.alerts;

import io.contactdesk.contracts.config.KafkaConnection;
import io.contactdesk.contracts.events.OpsAlert;
import io.contactdesk.contracts.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends alerts to {@code ops.alerts} without ever blocking or failing the caller: an alert about a broken broker
 * cannot be delivered through that broker, and the log line it came from has been written anyway.
 *
 * <p>The caller only queues the alert; a thread of its own hands it to the producer. A logging thread must never
 * call into the producer: {@code send} waits for metadata under the producer's lock, and the producer's network
 * thread logs under that same lock, so an ERROR logged while the broker was away deadlocked the logging thread and
 * the producer (an ingress poller started during a broker outage hung in start-up for 18 minutes in the chaos run of
 * 2026-12-06, docs/reliability.md finding 10). When the queue is full (the broker has been away a while), further
 * alerts are dropped and counted.
 */
public final class AlertPublisher implements AutoCloseable {

    static final int QUEUE_CAPACITY = 1_000;

    private final KafkaProducer<String, OpsAlert> producer;
    private final BlockingQueue<OpsAlert> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<OpsAlert> send;
    private final Thread sender;
    private volatile boolean running = true;

    public AlertPublisher(KafkaConnection kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.putAll(Map.of(
                // Written to every in-sync replica, idempotently: a leader change must not lose a critical alert.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.CLIENT_ID_CONFIG, "contactdesk-alerts"));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), Topics.ALERTS.valueSerde().serializer());
        this.send = alert -> producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.fingerprint(), alert));
        this.sender = startSender();
    }

    /** For tests: {@code send} stands in for the producer. */
    AlertPublisher(Consumer<OpsAlert> send) {
        this.producer = null;
        this.send = Objects.requireNonNull(send, "send");
        this.sender = startSender();
    }

    /** Queues {@code alert} and returns at once; drops it when the queue is full. */
    public void publish(OpsAlert alert) {
        if (!queue.offer(alert)) {
            dropped.incrementAndGet();
        }
    }

    /** Alerts dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    private Thread startSender() {
        Thread thread = new Thread(this::sendQueued, "contactdesk-alerts-sender");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void sendQueued() {
        while (running) {
            OpsAlert alert;
            try {
                alert = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                send.accept(alert);
            } catch (RuntimeException e) {
                // Nowhere to report it: the broker is what is failing.
            }
        }
    }
}
