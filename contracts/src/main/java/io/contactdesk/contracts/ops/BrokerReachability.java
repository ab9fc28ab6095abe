package io.contactdesk.contracts.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance reaches the Kafka cluster. Every service needs the broker, yet its clients wait and retry
 * silently while it is away, so without this a service stays UP through a broker outage. A thread of its own asks
 * {@code describeCluster} every {@code interval} with a short timeout; the cluster counts as unreachable once no
 * answer came for longer than {@code grace}, so a leader election or one slow answer changes nothing.
 *
 * <p>The health check itself only reads the outcome: it never waits for the broker.
 */
public final class BrokerReachability implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(BrokerReachability.class);

    private final Admin admin;
    private final Duration interval;
    private final Duration grace;
    private final Clock clock;
    private final Instant started;
    private final ScheduledExecutorService checker;
    private volatile Instant lastAnswer;
    private volatile String lastFailure = "no answer yet";
    private volatile boolean reachable = true;

    /** What the health check reports. */
    public record Reading(boolean reachable, Instant lastAnswer, String lastFailure) {
    }

    BrokerReachability(Admin admin, Duration interval, Duration grace, Clock clock) {
        this.admin = admin;
        this.interval = interval;
        this.grace = grace;
        this.clock = clock;
        this.started = clock.instant();
        this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kafka-reachability");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Checks {@code kafkaConfig}'s cluster from now on; {@link #close()} stops it. */
    public static BrokerReachability start(Map<String, Object> kafkaConfig, Duration interval, Duration grace) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-reachability");
        // One answer must come within an interval: an unreachable broker then costs a check, not a queue of them.
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) interval.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) interval.toMillis());
        BrokerReachability reachability = new BrokerReachability(Admin.create(config), interval, grace,
                Clock.systemUTC());
        reachability.checker.scheduleWithFixedDelay(reachability::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return reachability;
    }

    /** Asks the cluster once; blocks for an interval at most. */
    void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.toMillis()))
                    .clusterId().get(interval.toMillis() * 2, TimeUnit.MILLISECONDS);
            lastAnswer = clock.instant();
            if (!reachable) {
                reachable = true;
                log.info("Kafka reachable again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lastFailure = ThrottledWarning.describe(e);
            boolean now = !overGrace();
            if (reachable && !now) {
                log.warn("Kafka unreachable for over {} s: {}", grace.toSeconds(), lastFailure);
            }
            reachable = now;
        }
    }

    private boolean overGrace() {
        Instant since = lastAnswer != null ? lastAnswer : started;
        return Duration.between(since, clock.instant()).compareTo(grace) > 0;
    }

    /** Reachable unless the cluster has not answered for longer than the grace (since start-up, at first). */
    public Reading read() {
        return new Reading(!overGrace(), lastAnswer, lastFailure);
    }

    @Override
    public void close() {
        checker.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
