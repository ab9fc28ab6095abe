package io.contactdesk.contracts.events;

/** Why a balance changed. */
public enum LedgerKind {
    SIGNUP_BONUS,
    GRANT,
    REVOKE,
    UNLOCK,
    LISTING_REWARD,
    PURCHASE,
    /** An unlock paid back: the contact could not be shown (the notifier dead-lettered the message revealing it). */
    REFUND
}
