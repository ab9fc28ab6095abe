package io.contactdesk.dbwriter;

import io.contactdesk.infra.EmbeddedPostgresServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One database on the embedded PostgreSQL: the server's own (owned by the application role), or a
 * fresh one for a second writer. Administration (create, refuse connections) runs as the
 * {@code postgres} superuser, which the embedded cluster trusts on localhost.
 */
final class TestDatabase {

    private final EmbeddedPostgresServer server;
    private final String name;
    private final JdbcTemplate jdbc;

    private TestDatabase(EmbeddedPostgresServer server, String name) {
        this.server = server;
        this.name = name;
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl(), server.user(), server.password()));
    }

    /** The database the server was started with. */
    static TestDatabase of(EmbeddedPostgresServer server) {
        return new TestDatabase(server, server.database());
    }

    /** A new, empty database owned by the application role. */
    static TestDatabase create(EmbeddedPostgresServer server, String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin(server).execute("CREATE DATABASE " + name + " OWNER \"" + server.user() + "\"");
        return new TestDatabase(server, name);
    }

    /** {@code DATABASE_URL} in the JDBC form, credentials as parameters. */
    String jdbcUrlWithCredentials() {
        String password = server.password() == null ? "" : "&password=" + server.password();
        return jdbcUrl() + "?user=" + server.user() + password;
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server.port() + "/" + name;
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    List<Map<String, Object>> rows(String sql, Object... args) {
        return jdbc.queryForList(sql, args);
    }

    /**
     * The ledger invariant (docs/architecture.md section 5, {@code credit_ledger}): for every user, the balance_after
     * of their latest entry equals the sum of their deltas, and no balance is negative. Returns the users that break it.
     */
    List<Map<String, Object>> ledgerInvariantViolations() {
        return rows("""
                SELECT b.user_id, b.balance, latest.balance_after
                FROM user_balances b
                JOIN (SELECT DISTINCT ON (user_id) user_id, balance_after
                      FROM credit_ledger
                      ORDER BY user_id, recorded_at DESC, entry_id DESC) latest USING (user_id)
                WHERE b.balance <> latest.balance_after OR b.balance < 0
                   OR EXISTS (SELECT 1 FROM credit_ledger n WHERE n.user_id = b.user_id AND n.balance_after < 0)
                """);
    }

    /** Stops (or allows again) new connections and ends the open ones: the database is down for the writer. */
    void acceptConnections(boolean accept) {
        JdbcTemplate admin = admin(server);
        admin.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + accept);
        if (!accept) {
            admin.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?", name);
        }
    }

    private static JdbcTemplate admin(EmbeddedPostgresServer server) {
        return new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://localhost:" + server.port() + "/postgres", "postgres", ""));
    }
}
