package io.contactdesk.notifier.database;

import java.sql.SQLException;

/** Reads a database failure's cause chain: an outage passes, a wrong setting does not. */
final class Failures {

    private Failures() {
    }

    /**
     * True for PostgreSQL's "invalid authorization" (SQLSTATE class 28) and "database does not exist" (3D000): no
     * amount of waiting fixes those.
     */
    static boolean isWrongSetting(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
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
