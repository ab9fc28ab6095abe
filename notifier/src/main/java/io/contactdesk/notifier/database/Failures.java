package io.contactdesk.notifier.database;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

/** Reads a database failure's cause chain: an outage passes, a wrong setting does not. */
final class Failures {

    private Failures() {
    }

    /**
     * True for PostgreSQL's "invalid authorization" (SQLSTATE class 28) and "database does not exist" (3D000): no
     * amount of waiting fixes those.
     */
    static boolean isWrongSetting(Throwable failure) {
        return anyCause(failure, t -> t instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000")));
    }

    /** True when the database could not be reached at all (refused, timed out, SQLSTATE class 08). */
    static boolean isUnreachable(Throwable failure) {
        return anyCause(failure, t -> t instanceof SQLTransientConnectionException || t instanceof ConnectException
                || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: the one that says what happened ("Connection refused"), without the wrappers'. */
    static String summary(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    }
}
