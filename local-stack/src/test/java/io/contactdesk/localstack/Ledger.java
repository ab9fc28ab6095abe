package io.contactdesk.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads what db-writer persisted, straight from PostgreSQL. */
final class Ledger {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    Ledger(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    boolean hasUser(long userId) {
        return !query("select user_id from users where user_id = ?", userId).isEmpty();
    }

    List<Long> deltasOf(long userId) {
        return query("select delta from credit_ledger where user_id = ? order by recorded_at", userId);
    }

    private List<Long> query(String sql, long userId) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, userId);
            List<Long> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
            return values;
        } catch (SQLException e) {
            // Tables appear once Flyway has run; until then there is simply nothing.
            if ("42P01".equals(e.getSQLState())) {
                return List.of();
            }
            throw new AssertionError(e);
        }
    }
}
