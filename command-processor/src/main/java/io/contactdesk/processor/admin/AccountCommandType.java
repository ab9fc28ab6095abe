package io.contactdesk.processor.admin;

/** What an {@link AccountCommand} does to the target account. */
public enum AccountCommandType {
    GRANT,
    REVOKE,
    BAN,
    UNBAN,
    LISTING_APPROVED,
    LISTING_REJECTED,
    /**
     * Refund the Stars payment whose charge id is the command's {@code reason}; {@code amount} 1 = the admin confirmed
     * a partial reversal. Sent to every task (the admin does not know the payer): the one holding the charge acts.
     */
    REFUND_PAYMENT,
    /**
     * One task's answer to a {@link #REFUND_PAYMENT}, to the admin's task: {@code amount} 1 = this task holds the charge
     * ({@code reason}); {@code at} and {@code actorId} are the refund's. Once every task answered and none held it, the
     * admin is told the charge is unknown.
     */
    REFUND_LOOKED_UP,
    /**
     * To the referrer: the user {@code actorId} started the bot with their referral link; {@code amount} is the bonus
     * of each of the two. The referrer's task decides (see {@code ReferralRules}) and answers with
     * {@link #REFERRAL_WELCOME}.
     */
    REFERRAL_JOINED,
    /** To the newcomer: their referrer was credited ({@code actorId}), so they get their half, {@code amount}. */
    REFERRAL_WELCOME,
    /**
     * To an admin: the user {@code actorId}, shown as {@code reason} (@username or first name), submitted
     * {@code listing}. The card is built on the admin's task, where their language is known.
     */
    REVIEW_REQUESTED
}
