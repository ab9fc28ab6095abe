package io.contactdesk.notifier.flood;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.contactdesk.contracts.config.DataSources;
import io.contactdesk.contracts.config.DatabaseUrl;
import io.contactdesk.notifier.database.Migrations;
import io.contactdesk.notifier.database.NotifierSchema;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in PostgreSQL ({@code FLOOD_CONTROL=shared}), one row per bucket in {@value #TABLE}, read and written
 * under {@code SELECT … FOR UPDATE}: every notifier takes its tokens from the same buckets. The table is the
 * notifier's own Flyway migration ({@code db/notifier}, history in {@value #HISTORY_TABLE}), so it never meets
 * db-writer's migrations in the same database. A call the database does not answer throws: {@link FailoverBuckets}
 * then serves from this notifier's fallback, and a notifier started during an outage creates the table when the
 * database is back.
 */
final class SharedBuckets implements Buckets {

    static final String TABLE = "notifier_flood_buckets";
    static final String HISTORY_TABLE = Migrations.HISTORY_TABLE;
    static final String MIGRATIONS = Migrations.LOCATION;
    static final String POOL_NAME = "contactdesk-notifier-flood";

    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(30).toNanos();
    // A bucket that refilled completely is the same as a new one: its row may go.
    private static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(1);

    private final HikariDataSource dataSource;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> proxies;
    private final ScheduledExecutorService cleaner;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final NotifierSchema schema;

    SharedBuckets(DatabaseUrl database) {
        // Each look at a bucket is a transaction of a millisecond or two: the delivery threads (and the bulk lane's) take
        // turns on a few connections. A slow database costs a call 2 s at most.
        HikariConfig config = DataSources.hikariConfig(database, POOL_NAME, 8, Duration.ofSeconds(2));
        config.setInitializationFailTimeout(-1);
        this.dataSource = new HikariDataSource(config);
        this.schema = new NotifierSchema(dataSource);
        try {
            schema.migrateAtStartUp();
            this.proxies = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table(TABLE)
                    .idColumn("id")
                    .stateColumn("state")
                    .expiresAtColumn("expires_at")
                    .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                    .build();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.cleaner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "notifier-flood-cleaner");
            thread.setDaemon(true);
            return thread;
        });
        cleaner.scheduleWithFixedDelay(this::removeExpired, 1, 1, TimeUnit.MINUTES);
    }

    /** @throws RuntimeException when PostgreSQL cannot be reached or the table not made current */
    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        try {
            schema.ensureCurrent();
        } catch (SQLException e) {
            throw new IllegalStateException(e.toString(), e);
        }
        return proxies.getProxy(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    }

    /** Said of a failed call, at most every 30 s. */
    void warnUnavailable(RuntimeException e) {
        warn("flood buckets in PostgreSQL unavailable, this notifier keeps its share of the limits on its own meanwhile: {}",
                e);
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
        dataSource.close();
    }

    private void removeExpired() {
        if (!schema.isCurrent()) {
            return;
        }
        try {
            int removed;
            do {
                removed = proxies.removeExpired(1_000);
            } while (removed >= 1_000);
        } catch (RuntimeException e) {
            warn("cannot remove expired flood buckets: {}", e);
        }
    }

    private void warn(String message, Exception e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn(message, e.toString());
        }
    }
}
