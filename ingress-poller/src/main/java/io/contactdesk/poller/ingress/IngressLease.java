package io.contactdesk.poller.ingress;

import io.contactdesk.contracts.config.KafkaConnection;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may poll a bot: every poller instance joins one consumer group per bot on a one-partition topic, and the
 * member the group assigns that partition holds the lease. A dead holder's partition moves when its session times
 * out (about 6–8 s); a holder that stops gracefully leaves the group and hands over at once.
 *
 * <p>The lease elects; it cannot stop a paused holder that has not noticed it lost the lease. That is what the
 * publisher's transactional fencing is for: the new holder's {@code initTransactions()} fences the old one.
 *
 * <p>One thread owns the consumer: it keeps polling (nothing is ever written to the topic) so that the membership
 * stays alive, and the {@link Holder} callbacks run on it.
 */
public final class IngressLease {

    public static final String TOPIC = "tg.ingress-lease";
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    /** Bounds how long a wedged lease thread can hold up a rebalance; the thread itself only polls and hands over. */
    static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private static final Logger log = LoggerFactory.getLogger(IngressLease.class);

    /** Told, on the lease thread, when this instance gains and loses the lease. */
    public interface Holder {
        void leaseAcquired();

        /** Must return only once the holder no longer polls or publishes (or gave up waiting for that). */
        void leaseLost();
    }

    private final KafkaConnection kafka;
    private final String groupId;
    private final short replicationFactor;
    private final AtomicBoolean relinquish = new AtomicBoolean();
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean held;
    private Thread thread;

    public IngressLease(KafkaConnection kafka, long botId, short replicationFactor) {
        this.kafka = kafka;
        this.groupId = "contactdesk-ingress-lease-" + botId;
        this.replicationFactor = replicationFactor;
    }

    public synchronized void start(Holder holder) {
        running = true;
        thread = new Thread(() -> run(holder), "ingress-lease");
        thread.start();
    }

    /** Leaves the group (the holder is told first), so that a standby takes over without waiting for a timeout. */
    public synchronized void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            // No interrupt: an interrupted consumer may skip leaving the group, and the standby would wait it out.
            join(thread);
            thread = null;
        }
    }

    /**
     * Gives the lease up and queues up for it again: for a holder that learnt, by being fenced, that someone else
     * publishes for this bot. If the group hands the partition back, the holder starts over and fences the other.
     */
    public void relinquish() {
        relinquish.set(true);
    }

    private void run(Holder holder) {
        while (running) {
            try {
                ensureTopic();
                lease(holder);
            } catch (WakeupException e) {
                // stop() was called
            } catch (KafkaException e) {
                log.warn("ingress lease: {}; retrying", e.toString());
                sleep(RETRY);
            }
        }
    }

    private void lease(Holder holder) {
        try (KafkaConsumer<byte[], byte[]> leaseConsumer = new KafkaConsumer<>(consumerConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer = leaseConsumer;
            Listener listener = new Listener(holder);
            try {
                leaseConsumer.subscribe(List.of(TOPIC), listener);
                while (running) {
                    if (relinquish.getAndSet(false)) {
                        log.info("ingress lease given up; rejoining as a candidate");
                        leaseConsumer.unsubscribe();
                        leaseConsumer.subscribe(List.of(TOPIC), listener);
                    }
                    leaseConsumer.poll(POLL);
                }
            } finally {
                // close() runs onPartitionsRevoked before leaving the group; this covers the case where it cannot.
                listener.release();
                consumer = null;
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + UUID.randomUUID().toString().substring(0, 8));
        // The classic protocol, where the client chooses its session timeout (the broker's minimum is 6 s).
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) HEARTBEAT_INTERVAL.toMillis());
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) MAX_POLL_INTERVAL.toMillis());
        // Sticky and cooperative: a standby joining does not take the partition from a healthy holder.
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);  // created above, with its replication factor
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return config;
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, replicationFactor))).all().get();
            log.info("created {}", TOPIC);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("cannot create " + TOPIC, e.getCause());
            }
        } catch (InterruptedException e) {
            throw new WakeupException();
        }
    }

    /** Translates assignments of the one partition into acquired / lost, each exactly once per tenure. */
    private final class Listener implements ConsumerRebalanceListener {

        private final Holder holder;

        Listener(Holder holder) {
            this.holder = holder;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.contains(PARTITION) && !held) {
                held = true;
                log.info("ingress lease acquired");
                holder.leaseAcquired();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.contains(PARTITION)) {
                log.info("ingress lease revoked");
                release();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.contains(PARTITION)) {
                log.warn("ingress lease lost (this instance's group session expired)");
                release();
            }
        }

        void release() {
            if (held) {
                held = false;
                holder.leaseLost();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
