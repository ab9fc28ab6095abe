package io.contactdesk.contracts.topics;

import io.contactdesk.contracts.ops.ThrottledWarning;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads one topic with a {@link TopicReader} on a thread of its own until closed: every instance needs every record
 * (the latest state per key), not a consumer group's share. Positioned by {@code start} on every connection, it says
 * when it has read up to where the topic ended when it first connected ({@link #awaitCaughtUp}); when the broker is
 * away it warns (at most once a minute) and connects again, and it waits quietly for a topic not created yet (its
 * service is starting). A record its handler throws on
 * is warned about and passed over: one bad record must not stop the reader for good. A bean of its own, it runs with
 * the application.
 */
public final class TopicFollower implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Map<String, Object> kafkaConfig;
    private final String clientId;
    private final String topic;
    private final Consumer<TopicReader> start;
    private final Consumer<ConsumerRecord<byte[], byte[]>> each;
    private final ThrottledWarning warnings;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile TopicReader reader;
    private volatile Thread thread;

    /**
     * @param start positions a newly connected reader, e.g. {@link TopicReader#seekToBeginning}
     * @param each the records, in order per partition, on the follower's thread
     */
    public TopicFollower(Map<String, Object> kafkaConfig, String clientId, String topic, Consumer<TopicReader> start,
            Consumer<ConsumerRecord<byte[], byte[]>> each, Clock clock) {
        this.kafkaConfig = Collections.unmodifiableMap(new HashMap<>(kafkaConfig));
        this.clientId = clientId;
        this.topic = topic;
        this.start = start;
        this.each = each;
        this.warnings = new ThrottledWarning(log, Duration.ofMinutes(1), clock);
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, clientId);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Whether this thread was told to stop: the follower was stopped, or stopped and started on a new thread. */
    private boolean stopped() {
        return thread != Thread.currentThread();
    }

    private void run() {
        while (!stopped()) {
            try (TopicReader connected = TopicReader.open(kafkaConfig, clientId, topic, CONNECT_TIMEOUT)) {
                reader = connected;
                if (stopped()) {
                    return;
                }
                // Not created yet (its service is starting): no warning, it comes within seconds.
                while (!connected.exists()) {
                    if (!pause() || stopped()) {
                        return;
                    }
                    connected.lookForPartitions(CONNECT_TIMEOUT);
                }
                start.accept(connected);
                follow(connected, connected.endOffsets(CONNECT_TIMEOUT));
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                warnings.warn(topic + ": cannot read the topic, connecting again", e);
                if (!pause()) {
                    return;
                }
            } finally {
                reader = null;
            }
        }
    }

    private void follow(TopicReader connected, Map<TopicPartition, Long> ends) {
        while (!stopped()) {
            connected.poll(POLL, this::handle);
            if (!caughtUp() && connected.reached(ends)) {
                log.info("read {} up to its end at start", topic);
                caughtUp.countDown();
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        try {
            each.accept(record);
        } catch (RuntimeException e) {
            warnings.warn(topic + ": passed over the record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
        }
    }

    /** False when interrupted: the JVM is going down, and a consumer would only throw again. */
    private boolean pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public void stop() {
        close();
    }

    /** Stops the reading thread and waits for it (a few seconds at most). */
    @Override
    public void close() {
        Thread reading;
        synchronized (this) {
            reading = thread;
            thread = null;
        }
        TopicReader current = reader;
        if (current != null) {
            current.wakeup();
        }
        if (reading != null && reading != Thread.currentThread()) {
            try {
                reading.join(CONNECT_TIMEOUT.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
