package io.contactdesk.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Whether PostgreSQL records that the user blocked the bot; empty while it does not know the user. */
    Optional<Boolean> blocked(long userId) {
        List<Long> rows = query("select case when blocked then 1 else 0 end from users where user_id = ?", userId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0) == 1);
    }

    List<Long> deltasOf(long userId) {
        return query("select delta from credit_ledger where user_id = ? order by recorded_at", userId);
    }

    /** The credits of the user's PURCHASE entries, in the order they were applied. */
    List<Long> purchasesOf(long userId) {
        return query("select delta from credit_ledger where user_id = ? and kind = 'PURCHASE' order by sequence", userId);
    }

    /** The credits of the user's REFERRAL entries, in the order they were applied. */
    List<Long> referralsOf(long userId) {
        return query("select delta from credit_ledger where user_id = ? and kind = 'REFERRAL' order by sequence", userId);
    }

    /** The stars of the user's rows in {@code payments}. */
    List<Long> paymentsOf(long userId) {
        return query("select stars from payments where user_id = ? order by paid_at", userId);
    }

    /** Many users' entries, each user's in the order the processor applied them. */
    Map<Long, List<Entry>> entriesOf(Collection<Long> userIds) {
        Map<Long, List<Entry>> entries = new HashMap<>();
        queryMany("select user_id, delta, balance_after from credit_ledger where user_id = any(?) order by user_id, sequence",
                userIds, rows -> entries.computeIfAbsent(rows.getLong(1), u -> new ArrayList<>())
                        .add(new Entry(rows.getLong(2), rows.getLong(3))));
        return entries;
    }

    /** What the view {@code user_balances} sums for each of the users who have entries. */
    Map<Long, Long> summedBalancesOf(Collection<Long> userIds) {
        Map<Long, Long> balances = new HashMap<>();
        queryMany("select user_id, balance from user_balances where user_id = any(?)", userIds,
                rows -> balances.put(rows.getLong(1), rows.getLong(2)));
        return balances;
    }

    /** The first name PostgreSQL holds for each of the users it knows (null for a user without one). */
    Map<Long, String> firstNamesOf(Collection<Long> userIds) {
        Map<Long, String> names = new HashMap<>();
        queryMany("select user_id, first_name from users where user_id = any(?)", userIds,
                rows -> names.put(rows.getLong(1), rows.getString(2)));
        return names;
    }

    record Entry(long delta, long balanceAfter) {
    }

    private interface Row {
        void read(ResultSet rows) throws SQLException;
    }

    private void queryMany(String sql, Collection<Long> userIds, Row row) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("bigint", userIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
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
