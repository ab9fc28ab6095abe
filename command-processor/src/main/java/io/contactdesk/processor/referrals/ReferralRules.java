package io.contactdesk.processor.referrals;

import io.contactdesk.processor.accounts.Account;
import java.util.OptionalLong;

/**
 * Who earns a referral bonus. A referral is decided in three places, each the task that owns the user concerned: the
 * newcomer's {@code /start ref_<code>} names the referrer; the referrer's task credits them if they still qualify and
 * sends the newcomer's half back; the newcomer's task credits it. Both or neither: a referrer who does not qualify
 * stops the chain before anyone is credited.
 */
public final class ReferralRules {

    private ReferralRules() {
    }

    /**
     * The referrer a {@code /start} names when it counts: the user is new (no account before this update), the
     * argument is a referral code of ours, and it is not their own.
     */
    public static OptionalLong referrer(ReferralCodes codes, boolean newUser, long userId, String startArgument) {
        if (!newUser) {
            return OptionalLong.empty();
        }
        OptionalLong referrer = codes.referrer(startArgument);
        return referrer.isPresent() && referrer.getAsLong() != userId ? referrer : OptionalLong.empty();
    }

    /** The referrer is credited only while they have an account that is neither banned nor forgotten. */
    public static boolean referrerEarns(Account referrer) {
        return referrer != null && !referrer.banned() && !referrer.isForgotten();
    }

    /** The newcomer's half arrives a moment later: not for an account banned meanwhile. */
    public static boolean newcomerEarns(Account newcomer) {
        return newcomer != null && !newcomer.banned();
    }
}
