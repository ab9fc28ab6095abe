package io.contactdesk.contracts.events;

import java.time.Instant;

/** An admin's decision about a running broadcast, latest per broadcast id on the compacted {@code ops.broadcasts}. */
public record BroadcastControl(String broadcastId, boolean cancelled, long adminId, Instant at) {
}
