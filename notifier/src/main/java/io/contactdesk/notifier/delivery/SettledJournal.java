package io.contactdesk.notifier.delivery;

import io.contactdesk.notifier.database.NotifierDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The {@code tg.outbox} records this bot's notifiers settled, in PostgreSQL ({@code outbox_settled}), so that a
 * partition's next owner does not send again what was sent after its last commit that landed. A partition's offset
 * cannot be committed past its lowest unsettled record, and no commit lands while the broker is away: a notifier
 * killed then would leave minutes of replies to be sent twice (docs/reliability.md, finding 11).
 *
 * <p>Rows are written by a thread of their own, in batches, within a millisecond or so of the call: a delivery never
 * waits for the database, and a PostgreSQL outage only narrows what the journal knows (rows that cannot be written wait
 * in a bounded queue, then are dropped and counted). A crash between a call and its row still sends that one record
 * again; the commit metadata ({@link SettledAbove}) covers the rest while PostgreSQL is away.
 */
final class SettledJournal implements SmartLifecycle {

    /** Counter: settled records whose row could not be written (the queue was full while PostgreSQL was away). */
    static final String UNRECORDED = "contactdesk.outbox.settled.unrecorded";

    private static final Logger log = LoggerFactory.getLogger(SettledJournal.class);
    private static final int QUEUE = 100_000;
    private static final int BATCH = 500;
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration PRUNE_EVERY = Duration.ofSeconds(10);
    private static final Duration KEPT_AT_MOST = Duration.ofDays(7);
    private static final String INSERT = "INSERT INTO outbox_settled (topic, kafka_partition, kafka_offset, record_time) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT kafka_offset, record_time FROM outbox_settled "
            + "WHERE topic = ? AND kafka_partition = ? AND kafka_offset >= ?";
    private static final String PRUNE_BELOW = "DELETE FROM outbox_settled "
            + "WHERE topic = ? AND kafka_partition = ? AND kafka_offset < ?";
    private static final String PRUNE_OLD = "DELETE FROM outbox_settled WHERE settled_at < now() - make_interval(secs => ?)";

    /** One settled record: where it lies and its Kafka timestamp, which tells it from a later topic's record there. */
    record Settled(TopicPartition partition, long offset, long timestamp) {
    }

    private final NotifierDatabase database;
    private final Counter unrecorded;
    private final BlockingQueue<Settled> pending;
    private final Duration pruneEvery;
    private final ConcurrentMap<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private final List<Settled> batch = new ArrayList<>();
    private volatile boolean running;
    private Instant failingSince;
    private Thread writer;
    private long nextPrune = System.nanoTime();

    SettledJournal(NotifierDatabase database, MeterRegistry meters) {
        this(database, meters, QUEUE, PRUNE_EVERY);
    }

    /**
     * @param queue settled records waiting for their rows, at most
     * @param pruneEvery how often rows below the committed offsets are deleted (and how long an idle writer waits)
     */
    SettledJournal(NotifierDatabase database, MeterRegistry meters, int queue, Duration pruneEvery) {
        this.database = database;
        this.pending = new ArrayBlockingQueue<>(queue);
        this.pruneEvery = pruneEvery;
        this.unrecorded = Counter.builder(UNRECORDED)
                .description("settled tg.outbox records the journal could not keep (PostgreSQL away too long)")
                .register(meters);
    }

    /** {@code record} is settled: called on a delivery thread, it never waits. */
    void settled(TopicPartition partition, long offset, long timestamp) {
        if (!pending.offer(new Settled(partition, offset, timestamp))) {
            unrecorded.increment();
        }
    }

    /** {@code partition}'s offset {@code next} was committed: the rows below it are of no more use. */
    void committed(TopicPartition partition, long next) {
        committed.merge(partition, next, Math::max);
    }

    /**
     * The records of each partition at its offset in {@code from} or above that were settled, partition to offset to
     * Kafka timestamp; without the partitions PostgreSQL cannot say about (their records may then be sent again, as
     * without the journal). One connection for all: a rebalance during a PostgreSQL outage waits for one connection
     * timeout on the consumer's thread, not one per partition.
     */
    Map<TopicPartition, Map<Long, Long>> settledFrom(Map<TopicPartition, Long> from) {
        Map<TopicPartition, Map<Long, Long>> settled = new HashMap<>();
        if (from.isEmpty()) {
            return settled;
        }
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(SELECT)) {
            for (Map.Entry<TopicPartition, Long> partition : from.entrySet()) {
                select.setString(1, partition.getKey().topic());
                select.setInt(2, partition.getKey().partition());
                select.setLong(3, partition.getValue());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        settled.computeIfAbsent(partition.getKey(), read -> new HashMap<>())
                                .put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            log.warn("outbox: cannot read which records of {} were settled before ({}): they may be sent again",
                    from.keySet(), e.toString());
        }
        return settled;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = new Thread(this::run, "notifier-settled-journal");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping = writer;
        }
        stopping.interrupt();
        try {
            stopping.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Started before the outbox consumer (Integer.MAX_VALUE - 100) and stopped after it: its last rows are written.
        return Integer.MAX_VALUE - 200;
    }

    private void run() {
        while (running || !pending.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Settled first = running ? pending.poll(pruneEvery.toMillis(), TimeUnit.MILLISECONDS)
                            : pending.poll();
                    if (first != null) {
                        batch.add(first);
                    }
                }
                pending.drainTo(batch, BATCH - batch.size());
                if (!batch.isEmpty()) {
                    write(batch);
                    batch.clear();
                }
                pruneNow();
                if (failingSince != null) {
                    log.info("outbox: settled records written again (they could not be from {})", failingSince);
                    failingSince = null;
                }
            } catch (InterruptedException e) {
                // stop(): what is queued is written once more, without waiting, then the thread ends.
                if (running) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                // Whatever fails, the thread stays: a journal that stopped writing would leave every later crash's
                // replies to be sent again, unseen.
                if (!running) {
                    log.warn("outbox: {} settled records not written before stopping ({}): they may be sent again "
                            + "after a crash", batch.size() + pending.size(), e.toString());
                    return;
                }
                if (failingSince == null) {
                    failingSince = Instant.now();
                    log.warn("outbox: cannot write settled records ({}): until they are, a crash may send them again; "
                            + "retrying every {} s", e.toString(), RETRY.toSeconds());
                }
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException stopped) {
                    // stop() came meanwhile: the loop tries once more without waiting.
                }
            }
        }
    }

    private void write(List<Settled> rows) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Settled row : rows) {
                insert.setString(1, row.partition().topic());
                insert.setInt(2, row.partition().partition());
                insert.setLong(3, row.offset());
                insert.setLong(4, row.timestamp());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** At most every {@code pruneEvery}: rows below the offsets committed since, and rows older than a week. */
    private void pruneNow() throws SQLException {
        long now = System.nanoTime();
        if (now - nextPrune < 0) {
            return;
        }
        Map<TopicPartition, Long> below = new HashMap<>(committed);
        try (Connection connection = database.connection();
                PreparedStatement prune = connection.prepareStatement(PRUNE_BELOW);
                PreparedStatement old = connection.prepareStatement(PRUNE_OLD)) {
            for (Map.Entry<TopicPartition, Long> next : below.entrySet()) {
                prune.setString(1, next.getKey().topic());
                prune.setInt(2, next.getKey().partition());
                prune.setLong(3, next.getValue());
                prune.addBatch();
            }
            if (!below.isEmpty()) {
                prune.executeBatch();
            }
            old.setLong(1, KEPT_AT_MOST.toSeconds());
            old.executeUpdate();
        }
        below.forEach(committed::remove);
        nextPrune = now + pruneEvery.toNanos();
    }
}
