package io.contactdesk.notifier.database;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's own tables ({@code db/notifier}, history in {@value #HISTORY_TABLE}), so they never meet
 * db-writer's migrations in the same database.
 */
public final class Migrations {

    public static final String HISTORY_TABLE = "notifier_flyway_history";
    public static final String LOCATION = "classpath:db/notifier";

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /**
     * Brings the tables up to date. Notifiers that start together may race for Flyway's history table; whoever
     * loses finds it made by the winner on the next try.
     */
    public static void migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                // The database is db-writer's too: its tables are no reason to refuse, and V1 must still run.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // No waiting for an absent database here: NotifierSchema tries again later.
                .connectRetries(0)
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (FlywayException e) {
                if (attempt >= 3 || Failures.isUnreachable(e)) {
                    throw e;
                }
                log.info("notifier migration failed (attempt {}), trying again: {}", attempt, e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
