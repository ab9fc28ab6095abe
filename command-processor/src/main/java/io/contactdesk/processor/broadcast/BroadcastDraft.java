package io.contactdesk.processor.broadcast;

/**
 * An admin's latest broadcast, kept per admin in the {@code broadcasts} store: waiting for the confirm tap, or sent
 * (so /broadcast_cancel knows which one to stop).
 */
public record BroadcastDraft(String broadcastId, String html, boolean confirmed) {
}
