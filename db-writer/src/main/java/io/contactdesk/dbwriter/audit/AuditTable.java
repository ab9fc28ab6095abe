package io.contactdesk.dbwriter.audit;

import static io.contactdesk.dbwriter.database.SqlParam.bigint;
import static io.contactdesk.dbwriter.database.SqlParam.text;
import static io.contactdesk.dbwriter.database.SqlParam.timestamptz;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.contracts.topics.Topic;
import io.contactdesk.contracts.topics.Topics;
import io.contactdesk.dbwriter.database.SqlParam;
import io.contactdesk.dbwriter.ingest.TopicTable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code audit_log}: append-only. An audit id is derived from its cause, so a replayed or re-sent
 * event is the same event and is ignored. The details map is stored as {@code jsonb}.
 */
@Component
public class AuditTable implements TopicTable<AuditEvent> {

    static final String INSERT = """
            INSERT INTO audit_log (audit_id, actor_id, action, target, details, at)
            VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?)
            ON CONFLICT (audit_id) DO NOTHING
            """;

    @Override
    public Topic<String, AuditEvent> topic() {
        return Topics.AUDIT;
    }

    @Override
    public String table() {
        return "audit_log";
    }

    @Override
    public String insertSql() {
        return INSERT;
    }

    @Override
    public List<SqlParam> parameters(AuditEvent event) {
        return List.of(
                text(event.auditId()),
                bigint(event.actorId()),
                text(event.action()),
                text(event.target()),
                text(json(event)),
                timestamptz(event.at()));
    }

    @Override
    public Object rowKey(AuditEvent event) {
        return event.auditId();
    }

    /** The first one: {@code DO NOTHING} keeps whichever event with an id was written first. */
    @Override
    public boolean supersedes(AuditEvent candidate, AuditEvent kept) {
        return false;
    }

    @Override
    public Optional<String> rejection(AuditEvent event) {
        if (event.auditId() == null || event.auditId().isBlank()) {
            return Optional.of("auditId is blank");
        }
        if (event.action() == null || event.action().isBlank()) {
            return Optional.of("action is blank");
        }
        // 0 is the system itself (as for listings imported without a submitter); Telegram ids are positive.
        return event.actorId() >= 0 ? Optional.empty()
                : Optional.of("actorId must be a Telegram user id or 0, got " + event.actorId());
    }

    private static String json(AuditEvent event) {
        try {
            return Json.mapper().writeValueAsString(event.details());
        } catch (JsonProcessingException e) {
            // A map of strings always serialises; this is not a row the database could refuse.
            throw new UncheckedIOException(e);
        }
    }
}
