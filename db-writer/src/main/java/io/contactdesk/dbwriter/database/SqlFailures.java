package io.contactdesk.dbwriter.database;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whose fault a failed write is. Only a row PostgreSQL rejects for its content (SQLSTATE class 22
 * data exception, 23 integrity violation) can be dead-lettered; everything else — connection loss,
 * shutdown, a missing table, a deadlock — is the database's, and the batch is retried until it
 * passes, because skipping it would lose facts.
 */
public final class SqlFailures {

    /** Where PostgreSQL and pgjdbc start repeating data: the detail, the failing row, the batch's statement. */
    private static final List<String> DETAIL_MARKERS = List.of("Detail:", "DETAIL:", "Failing row contains",
            "Key (", "Where:", "Batch entry");
    private static final Pattern QUOTED_VALUE = Pattern.compile(": \"[^\"]*\"");

    private SqlFailures() {
    }

    public static boolean isRowFault(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * One line for logs, health, alerts and dead letters: the SQLSTATE and the server's own message, cut to what
     * names the fault and not the data. A batch failure's message lists the statement with its parameter values, and
     * PostgreSQL's detail repeats the row ("Failing row contains (…)", "Key (…)=(…)"), user names and sealed contacts
     * among them; pgjdbc leaves the detail out only while {@code logServerErrorDetail=false}, which a
     * {@code DATABASE_URL} can turn back on. So only the first line of the message is kept, without any detail, and
     * a quoted value after a colon ({@code invalid input syntax for type bigint: "…"}) is masked.
     */
    public static String describe(Throwable failure) {
        SQLException server = serverError(failure);
        if (server == null) {
            return failure.getClass().getSimpleName() + ": " + withoutData(failure.getMessage());
        }
        return server.getClass().getSimpleName() + " (SQLSTATE " + server.getSQLState() + "): "
                + withoutData(server.getMessage());
    }

    static String withoutData(String message) {
        if (message == null) {
            return null;
        }
        String text = message;
        for (String marker : DETAIL_MARKERS) {
            int at = text.indexOf(marker);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        return QUOTED_VALUE.matcher(text.strip()).replaceAll(": \"…\"");
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
