package io.contactdesk.processor.broadcast;

import java.time.Instant;

/**
 * A confirmed broadcast, delivered to every partition of the broadcast-requests topic so that each task sends it to
 * the users it owns.
 */
public record BroadcastRequest(
        String broadcastId,
        String html,
        long adminId,
        long statusChatId,
        long statusMessageId,
        Instant at) {
}
