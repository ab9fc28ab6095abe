package io.contactdesk.contracts.events;

/** Why a balance changed. */
public enum LedgerKind {
    SIGNUP_BONUS,
    GRANT,
    REVOKE,
    UNLOCK,
    LISTING_REWARD,
    PURCHASE
}
