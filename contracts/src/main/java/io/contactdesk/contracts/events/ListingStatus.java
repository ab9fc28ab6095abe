package io.contactdesk.contracts.events;

/** Where a listing stands: only ACTIVE listings are shown in the directory. */
public enum ListingStatus {
    PENDING,
    ACTIVE,
    REJECTED,
    REMOVED
}
