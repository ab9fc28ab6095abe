package io.contactdesk.contracts.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service instance's health snapshot, published every 10 s to the compacted {@code ops.heartbeats} topic keyed
 * by {@code service/instance}: the latest per instance is what operators see; a stale one is a silent instance.
 *
 * @param state the instance's own health status (UP, DOWN, OUT_OF_SERVICE, …)
 * @param keyIds the ids of the keys in the instance's contact keyring ({@code CONTACT_ENCRYPTION_KEYS}), never the
 *     keys: the key rotation tool refuses to run while a running instance lacks the new one. Empty for a service
 *     without a keyring; null from an instance too old to say
 * @param facts what the instance says about its own work beyond its health, for the ops console, in its own order:
 *     e.g. the ingress's mode and what Telegram's {@code getWebhookInfo} last said. Never a secret or a contact.
 *     Empty when it says nothing (and from an instance too old to say)
 */
public record Heartbeat(
        String service,
        String instance,
        String host,
        Instant startedAt,
        Instant at,
        String state,
        long heapUsedBytes,
        long heapMaxBytes,
        List<String> keyIds,
        Map<String, String> facts) {

    public Heartbeat {
        keyIds = keyIds == null ? null : List.copyOf(keyIds);
        facts = facts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** A heartbeat without facts. */
    public Heartbeat(String service, String instance, String host, Instant startedAt, Instant at, String state,
            long heapUsedBytes, long heapMaxBytes, List<String> keyIds) {
        this(service, instance, host, startedAt, at, state, heapUsedBytes, heapMaxBytes, keyIds, Map.of());
    }

    /** A heartbeat of a service without a keyring. */
    public Heartbeat(String service, String instance, String host, Instant startedAt, Instant at, String state,
            long heapUsedBytes, long heapMaxBytes) {
        this(service, instance, host, startedAt, at, state, heapUsedBytes, heapMaxBytes, List.of(), Map.of());
    }

    public String key() {
        return service + "/" + instance;
    }
}
