package io.contactdesk.contracts.events;

import java.time.Instant;
import java.util.Map;

/**
 * An admin or security action, kept for accountability.
 *
 * @param action e.g. {@code grant}, {@code revoke}, {@code ban}, {@code approve}, {@code reject}
 * @param target what it was done to, e.g. {@code user:42} or {@code listing:abc}
 */
public record AuditEvent(
        String auditId,
        long actorId,
        String action,
        String target,
        Map<String, String> details,
        Instant at) {

    public AuditEvent {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
