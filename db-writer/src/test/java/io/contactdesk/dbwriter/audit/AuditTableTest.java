package io.contactdesk.dbwriter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contracts.events.AuditEvent;
import io.contactdesk.contracts.json.Json;
import io.contactdesk.dbwriter.database.SqlParam;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditTableTest {

    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private final AuditTable table = new AuditTable();

    @Test
    void eventBecomesTheInsertParametersInColumnOrderWithDetailsAsJson() throws Exception {
        AuditEvent event = new AuditEvent("update:17/audit:0", 7, "grant", "user:42", Map.of("credits", "5"), AT);

        List<SqlParam> params = table.parameters(event);

        assertThat(params).extracting(SqlParam::value).containsExactly(
                "update:17/audit:0", 7L, "grant", "user:42", "{\"credits\":\"5\"}", AT.atOffset(ZoneOffset.UTC));
        assertThat(table.insertSql()).contains("CAST(? AS jsonb)");
    }

    @Test
    void eventWithoutDetailsStoresAnEmptyObject() throws Exception {
        List<SqlParam> params = table.parameters(new AuditEvent("update:17/audit:0", 7, "ban", "user:42", null, AT));

        assertThat(Json.mapper().readTree((String) params.get(4).value()).isEmpty()).isTrue();
    }

    @Test
    void insertIgnoresAnEventAlreadyWritten() {
        assertThat(table.insertSql()).contains("ON CONFLICT (audit_id) DO NOTHING");
    }

    @Test
    void firstEventWithAnIdIsKept() {
        AuditEvent first = event("update:1/audit:0", 7, "ban");

        assertThat(table.rowKey(first)).isEqualTo("update:1/audit:0");
        assertThat(table.supersedes(event("update:1/audit:0", 7, "ban"), first)).isFalse();
    }

    @Test
    void eventWithoutIdOrActionOrWithANegativeActorIsRejected() {
        assertThat(table.rejection(event(" ", 7, "ban"))).isPresent();
        assertThat(table.rejection(event("update:1/audit:0", 7, ""))).isPresent();
        assertThat(table.rejection(event("update:1/audit:0", -1, "ban"))).isPresent();
        assertThat(table.rejection(event("update:1/audit:0", 0, "key-rotation"))).as("the system itself").isEmpty();
        assertThat(table.rejection(event("update:1/audit:0", 7, "ban"))).isEmpty();
    }

    private static AuditEvent event(String id, long actorId, String action) {
        return new AuditEvent(id, actorId, action, "user:42", Map.of(), AT);
    }
}
