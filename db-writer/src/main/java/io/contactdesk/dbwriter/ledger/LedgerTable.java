package io.contactdesk.dbwriter.ledger;

import static io.contactdesk.dbwriter.database.SqlParam.bigint;
import static io.contactdesk.dbwriter.database.SqlParam.text;
import static io.contactdesk.dbwriter.database.SqlParam.timestamptz;

import io.contactdesk.contracts.events.LedgerEntry;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.dbwriter.database.SqlParam;
import io.contactdesk.dbwriter.ingest.TopicTable;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code credit_ledger}: append-only. An entry id is derived from its cause, so a replayed or
 * re-sent entry is the same entry and is ignored.
 */
@Component
public class LedgerTable implements TopicTable<LedgerEntry> {

    static final String INSERT = """
            INSERT INTO credit_ledger (entry_id, user_id, delta, balance_after, kind, reason, cause_id, recorded_at,
                                       sequence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (entry_id) DO NOTHING
            """;

    @Override
    public Topic<String, LedgerEntry> topic() {
        return Topics.LEDGER;
    }

    @Override
    public String table() {
        return "credit_ledger";
    }

    @Override
    public String insertSql() {
        return INSERT;
    }

    @Override
    public List<SqlParam> parameters(LedgerEntry entry) {
        return List.of(
                text(entry.entryId()),
                bigint(entry.userId()),
                bigint(entry.delta()),
                bigint(entry.balanceAfter()),
                text(entry.kind().name()),
                text(entry.reason()),
                text(entry.causeId()),
                timestamptz(entry.recordedAt()),
                bigint(entry.sequence()));
    }

    @Override
    public Object rowKey(LedgerEntry entry) {
        return entry.entryId();
    }

    /** The first one: {@code DO NOTHING} keeps whichever entry with an id was written first. */
    @Override
    public boolean supersedes(LedgerEntry candidate, LedgerEntry kept) {
        return false;
    }

    @Override
    public Optional<String> rejection(LedgerEntry entry) {
        if (entry.entryId().isBlank()) {
            return Optional.of("entryId is blank");
        }
        return entry.userId() > 0 ? Optional.empty() : Optional.of("userId must be a Telegram user id, got " + entry.userId());
    }
}
