package io.contactdesk.processor.moderation;

import java.time.Instant;

/**
 * An admin's Approve or Reject tap, re-keyed by listing id so that every decision on one listing meets in one task:
 * the first one wins, the others are told it was already decided.
 */
public record ModerationRequest(
        String requestId,
        String listingId,
        boolean approve,
        long adminId,
        long chatId,
        long messageId,
        String callbackQueryId,
        Instant at) {
}
