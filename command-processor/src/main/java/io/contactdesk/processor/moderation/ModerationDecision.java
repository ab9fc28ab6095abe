package io.contactdesk.processor.moderation;

import java.time.Instant;

/** The decision that stands for a listing, kept in the {@code moderation-decisions} store. */
public record ModerationDecision(String listingId, boolean approved, long adminId, Instant at) {
}
