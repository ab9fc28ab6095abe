package io.contactdesk.contracts.events;

import java.time.Instant;

/**
 * One service instance's health snapshot, published every 10 s to the compacted {@code ops.heartbeats} topic keyed
 * by {@code service/instance}: the latest per instance is what operators see; a stale one is a silent instance.
 *
 * @param state the instance's own health status (UP, DOWN, OUT_OF_SERVICE, …)
 */
public record Heartbeat(
        String service,
        String instance,
        String host,
        Instant startedAt,
        Instant at,
        String state,
        long heapUsedBytes,
        long heapMaxBytes) {

    public String key() {
        return service + "/" + instance;
    }
}
