package io.contactdesk.contracts.events;

/** Why a balance changed. */
public enum LedgerKind {
    SIGNUP_BONUS,
    GRANT,
    REVOKE,
    UNLOCK,
    LISTING_REWARD,
    /** Credits bought with Telegram Stars ({@code successful_payment}). */
    PURCHASE,
    /** A purchase refunded by an admin: its credits taken back, as far as they are unspent (never below zero). */
    PURCHASE_REFUND,
    /** An unlock paid back: the contact could not be shown (the notifier dead-lettered the message revealing it). */
    REFUND,
    /**
     * An invitation that worked: a new user started the bot with another user's referral link, and each of the two got
     * {@code REFERRAL_BONUS_CREDITS} (one entry on each side).
     */
    REFERRAL,
    /**
     * The user had the bot forget them ({@code /forgetme}): what was left of their balance is forfeited, so the entry
     * takes it to 0 and the user's ledger still sums to its last {@code balanceAfter}. It carries no reason.
     */
    FORGET
}
