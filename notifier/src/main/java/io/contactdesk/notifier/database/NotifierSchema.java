package io.contactdesk.notifier.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's tables, brought up to date on first need rather than as a condition of start-up: a notifier
 * (re)started while PostgreSQL is away must still deliver replies, which need no table. Until the migrations ran,
 * whatever needs a table gets a transient {@link SQLException} and retries as it would for any outage.
 *
 * <p>Credentials PostgreSQL refuses, or a database that does not exist, are a wrong setting, not an outage: start-up
 * stops on them ({@link #migrateAtStartUp()}).
 */
public final class NotifierSchema {

    private static final Logger log = LoggerFactory.getLogger(NotifierSchema.class);
    // An outage must not turn every caller into a Flyway run: between failed attempts callers fail fast.
    private static final long RETRY_AFTER_NANOS = Duration.ofSeconds(2).toNanos();

    private final DataSource dataSource;
    private final LongSupplier nanoTime;
    private volatile boolean current;
    private long nextAttempt;
    private String lastFailure = "not tried yet";

    public NotifierSchema(DataSource dataSource) {
        this(dataSource, System::nanoTime);
    }

    NotifierSchema(DataSource dataSource, LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.nanoTime = nanoTime;
        this.nextAttempt = nanoTime.getAsLong();
    }

    /**
     * One attempt at start-up.
     *
     * @throws IllegalStateException naming {@code DATABASE_URL} when PostgreSQL refuses it for good
     */
    public void migrateAtStartUp() {
        try {
            ensureCurrent();
        } catch (SQLException e) {
            if (Failures.isWrongSetting(e)) {
                throw new IllegalStateException("DATABASE_URL: PostgreSQL refuses it: " + Failures.summary(e), e);
            }
            log.warn("PostgreSQL does not answer yet ({}): the notifier starts anyway, delivers replies, and migrates "
                    + "its tables when the database is back", Failures.summary(e));
        }
    }

    public boolean isCurrent() {
        return current;
    }

    /** Returns at once when the tables are up to date; otherwise tries the migrations unless a try just failed. */
    public void ensureCurrent() throws SQLException {
        if (current) {
            return;
        }
        synchronized (this) {
            if (current) {
                return;
            }
            long now = nanoTime.getAsLong();
            if (now - nextAttempt < 0) {
                throw new SQLTransientConnectionException("notifier tables not migrated yet: " + lastFailure);
            }
            try {
                Migrations.migrate(dataSource);
                current = true;
                log.info("notifier tables are up to date");
            } catch (FlywayException e) {
                nextAttempt = now + RETRY_AFTER_NANOS;
                lastFailure = Failures.summary(e);
                throw new SQLTransientConnectionException("notifier tables not migrated yet: " + lastFailure, e);
            }
        }
    }
}
