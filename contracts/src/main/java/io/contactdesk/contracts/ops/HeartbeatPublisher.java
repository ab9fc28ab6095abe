package io.contactdesk.contracts.ops;

import io.contactdesk.contracts.events.Heartbeat;
import io.contactdesk.contracts.topics.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes this instance's {@link Heartbeat} to {@code ops.heartbeats} on its own thread and its own small producer
 * (acks=1, no transactions, bounded blocking), so a broker that is slow or away never holds up the service: failures
 * are logged at WARN at most once a minute. On a graceful stop one last heartbeat says {@code STOPPED}, so operators
 * can tell an instance that was shut down from one that went silent.
 */
public class HeartbeatPublisher implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final String STOPPED = "STOPPED";
    public static final String UNKNOWN = "UNKNOWN";

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final String service;
    private final String instance;
    private final String host;
    private final Instant startedAt;
    private final Supplier<String> state;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Object> producerConfig;
    private final ThrottledWarning warnings;
    private final List<String> keyIds;
    private final Supplier<Map<String, String>> facts;
    private ScheduledExecutorService executor;
    private Producer<String, Heartbeat> producer;

    /**
     * @param kafkaConfig the connection: {@code bootstrap.servers} and any security settings
     * @param state this instance's health status, asked at every beat
     */
    public HeartbeatPublisher(String service, Map<String, Object> kafkaConfig, Supplier<String> state,
            Duration interval, Clock clock) {
        this(service, kafkaConfig, state, interval, clock, List.of());
    }

    /** @param keyIds the ids (never the keys) of this instance's contact keyring, for the key rotation tool */
    public HeartbeatPublisher(String service, Map<String, Object> kafkaConfig, Supplier<String> state,
            Duration interval, Clock clock, List<String> keyIds) {
        this(service, kafkaConfig, state, Map::of, interval, clock, keyIds);
    }

    /** @param facts what this instance says about its work ({@link Heartbeat#facts()}), asked at every beat */
    public HeartbeatPublisher(String service, Map<String, Object> kafkaConfig, Supplier<String> state,
            Supplier<Map<String, String>> facts, Duration interval, Clock clock, List<String> keyIds) {
        this.keyIds = List.copyOf(keyIds);
        this.facts = facts;
        this.service = service;
        this.instance = InstanceIdentity.instance();
        this.host = InstanceIdentity.host();
        this.clock = clock;
        this.startedAt = clock.instant();
        this.state = state;
        this.interval = interval;
        this.producerConfig = producerConfig(service, kafkaConfig, interval);
        this.warnings = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
    }

    static Map<String, Object> producerConfig(String service, Map<String, Object> kafkaConfig, Duration interval) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-heartbeat");
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // A heartbeat older than its interval is worth nothing: give up on it rather than queue it.
        long budget = Math.max(2_000, interval.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(5_000, budget));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5_000, budget));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) budget + 500);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.RETRIES_CONFIG, 0);
        return config;
    }

    /** Starts beating at once, then every interval; returns immediately. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat-" + service);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** The heartbeat this instance would publish now. */
    public Heartbeat snapshot(String currentState) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new Heartbeat(service, instance, host, startedAt, clock.instant(), currentState, heap.getUsed(),
                heap.getMax(), keyIds, currentFacts());
    }

    /** The instance's facts, or none when it cannot say: a fact is never worth a missing heartbeat. */
    private Map<String, String> currentFacts() {
        try {
            Map<String, String> current = facts.get();
            return current == null ? Map.of() : current;
        } catch (RuntimeException e) {
            warnings.warn("heartbeat: cannot read the facts of " + service, e);
            return Map.of();
        }
    }

    void beat() {
        publish(snapshot(currentState()));
    }

    private String currentState() {
        try {
            String value = state.get();
            return value == null ? UNKNOWN : value;
        } catch (RuntimeException e) {
            warnings.warn("heartbeat: cannot read the health of " + service, e);
            return UNKNOWN;
        }
    }

    private void publish(Heartbeat heartbeat) {
        try {
            Producer<String, Heartbeat> out = producer();
            out.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), heartbeat.key(), heartbeat), (metadata, error) -> {
                if (error != null) {
                    warnings.warn("heartbeat: cannot publish to " + Topics.HEARTBEATS.name(), error);
                }
            });
        } catch (RuntimeException e) {
            warnings.warn("heartbeat: cannot publish to " + Topics.HEARTBEATS.name(), e);
        }
    }

    private synchronized Producer<String, Heartbeat> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    Topics.HEARTBEATS.valueSerde().serializer());
        }
        return producer;
    }

    /** Stops beating, says {@code STOPPED} once (bounded), and closes the producer. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            running.awaitTermination(6, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Producer<String, Heartbeat> out;
        synchronized (this) {
            out = producer;
            producer = null;
        }
        if (out != null) {
            try {
                out.send(new ProducerRecord<>(Topics.HEARTBEATS.name(), key(), snapshot(STOPPED)));
            } catch (RuntimeException e) {
                log.debug("heartbeat: last heartbeat not sent", e);
            }
            out.close(Duration.ofSeconds(2));
        }
    }

    public String key() {
        return service + "/" + instance;
    }

    public String service() {
        return service;
    }

    public String instance() {
        return instance;
    }
}
