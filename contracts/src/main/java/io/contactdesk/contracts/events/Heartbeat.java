package io.contactdesk.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * One service instance's health snapshot, published every 10 s to the compacted {@code ops.heartbeats} topic keyed
 * by {@code service/instance}: the latest per instance is what operators see; a stale one is a silent instance.
 *
 * @param state the instance's own health status (UP, DOWN, OUT_OF_SERVICE, …)
 * @param keyIds the ids of the keys in the instance's contact keyring ({@code CONTACT_ENCRYPTION_KEYS}), never the
 *     keys: the key rotation tool refuses to run while a running instance lacks the new one. Empty for a service
 *     without a keyring; null from an instance too old to say
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
        List<String> keyIds) {

    public Heartbeat {
        keyIds = keyIds == null ? null : List.copyOf(keyIds);
    }

    /** A heartbeat of a service without a keyring. */
    public Heartbeat(String service, String instance, String host, Instant startedAt, Instant at, String state,
            long heapUsedBytes, long heapMaxBytes) {
        this(service, instance, host, startedAt, at, state, heapUsedBytes, heapMaxBytes, List.of());
    }

    public String key() {
        return service + "/" + instance;
    }
}
