package io.contactdesk.processor.accounts;

import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.processor.updates.IncomingUpdate;
import java.time.Instant;
import java.util.Objects;

/**
 * The processor's authoritative state of one user, kept in the {@code accounts} store: profile, balance and the
 * once-only facts. Every balance change also goes out as a ledger entry, so the ledger sums to {@code balance}.
 */
public record Account(UserProfile profile, long balance, boolean signupBonusGranted) {

    public Account {
        Objects.requireNonNull(profile, "profile");
        if (balance < 0) {
            throw new IllegalArgumentException("a balance is never negative: " + balance);
        }
    }

    public static Account register(IncomingUpdate.Sender sender, boolean admin, Instant now) {
        return new Account(
                new UserProfile(sender.userId(), sender.username(), sender.firstName(), sender.languageCode(),
                        admin, false, false, now, now),
                0, false);
    }

    public long userId() {
        return profile.userId();
    }

    /** The same account with Telegram's current names, or this one when nothing changed. */
    public Account seenAs(IncomingUpdate.Sender sender, boolean admin, Instant now) {
        if (Objects.equals(profile.username(), sender.username())
                && Objects.equals(profile.firstName(), sender.firstName())
                && Objects.equals(profile.languageCode(), sender.languageCode())
                && profile.admin() == admin
                && !profile.blocked()) {
            return this;
        }
        // Writing to the bot again means the user no longer blocks it.
        return new Account(new UserProfile(profile.userId(), sender.username(), sender.firstName(),
                sender.languageCode(), admin, profile.banned(), false, profile.registeredAt(), now),
                balance, signupBonusGranted);
    }

    public Account withBalance(long newBalance) {
        return new Account(profile, newBalance, signupBonusGranted);
    }

    public Account withSignupBonusGranted() {
        return new Account(profile, balance, true);
    }
}
