package io.contactdesk.dbwriter.database;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** One statement parameter with its SQL type, so that a null binds as the column's type. */
public record SqlParam(Object value, int sqlType) {

    public static SqlParam text(String value) {
        return new SqlParam(value, Types.VARCHAR);
    }

    public static SqlParam bigint(long value) {
        return new SqlParam(value, Types.BIGINT);
    }

    /** A nullable bigint: {@code null} binds as a typed SQL NULL. */
    public static SqlParam bigintOrNull(Long value) {
        return new SqlParam(value, Types.BIGINT);
    }

    public static SqlParam bool(boolean value) {
        return new SqlParam(value, Types.BOOLEAN);
    }

    public static SqlParam timestamptz(Instant value) {
        return new SqlParam(value == null ? null : value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    public static void bind(PreparedStatement statement, List<SqlParam> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            SqlParam param = params.get(i);
            if (param.value() == null) {
                statement.setNull(i + 1, param.sqlType());
            } else {
                statement.setObject(i + 1, param.value(), param.sqlType());
            }
        }
    }
}
