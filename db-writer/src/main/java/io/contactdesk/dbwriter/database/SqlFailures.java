package io.contactdesk.dbwriter.database;

import java.sql.SQLException;

/**
 * Whose fault a failed write is. Only a row PostgreSQL rejects for its content (SQLSTATE class 22
 * data exception, 23 integrity violation) can be dead-lettered; everything else — connection loss,
 * shutdown, a missing table, a deadlock — is the database's, and the batch is retried until it
 * passes, because skipping it would lose facts.
 */
public final class SqlFailures {

    private SqlFailures() {
    }

    public static boolean isRowFault(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * One line for logs, health and dead letters: the SQLSTATE and the server's own message. A batch
     * failure's message lists the statement with its parameter values (user names among them), so it
     * is never used.
     */
    public static String describe(Throwable failure) {
        SQLException server = serverError(failure);
        if (server == null) {
            return failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        return server.getClass().getSimpleName() + " (SQLSTATE " + server.getSQLState() + "): " + server.getMessage();
    }

    private static SQLException serverError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                SQLException last = sql;
                while (last.getNextException() != null) {
                    last = last.getNextException();
                }
                return last;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The first SQLSTATE in the chain; pgjdbc puts the server's one on the next exception of a batch failure. */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e.getSQLState() != null) {
                        return e.getSQLState();
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
