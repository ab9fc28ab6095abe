package io.contactdesk.dbwriter.ingest;

import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.dbwriter.database.SqlParam;
import java.util.List;
import java.util.Optional;

/**
 * How the values of one topic become rows of one table. Each feature (users, ledger, later listings,
 * unlocks, audit, payments) declares one as a bean; the writer consumes every declared topic.
 *
 * @param <V> the event record on the topic
 */
public interface TopicTable<V> {

    Topic<String, V> topic();

    String table();

    /**
     * One parameterised single-row INSERT, idempotent: writing the same value again must change nothing
     * ({@code ON CONFLICT … DO NOTHING}, or an update guarded by a version column).
     */
    String insertSql();

    /** The parameters of {@link #insertSql()} for one value, in placeholder order. */
    List<SqlParam> parameters(V value);

    /** The primary key the value writes: one multi-row statement may not touch a row twice. */
    Object rowKey(V value);

    /** Of two values of one poll for the same row, whether {@code candidate} is the one to write rather than {@code kept}. */
    boolean supersedes(V candidate, V kept);

    /** Why a value that parsed must still not be written (it goes to the dead-letter topic), if so. */
    default Optional<String> rejection(V value) {
        return Optional.empty();
    }
}
