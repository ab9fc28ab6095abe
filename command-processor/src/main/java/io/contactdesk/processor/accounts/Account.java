package io.contactdesk.processor.accounts;

import io.contactdesk.contracts.events.UserProfile;
import io.contactdesk.processor.updates.IncomingUpdate;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The processor's authoritative state of one user, kept in the {@code accounts} store: profile, balance and the
 * once-only facts. Every balance change also goes out as a ledger entry, so the ledger sums to {@code balance}.
 *
 * @param unlocked listing ids whose contact this user has paid for, oldest first
 * @param lastSearch the words of the user's last {@code /search}, for its page buttons
 * @param banNoticeSent a banned user is told once, then ignored
 * @param ledgerEntries how many ledger entries the user has: the next one's sequence number follows it
 * @param referrals how many new users joined with this user's referral link and were credited for it ({@code /invite})
 * @param language the language code the user chose with {@code /language}; null to follow their Telegram client's
 */
public record Account(
        UserProfile profile,
        long balance,
        boolean signupBonusGranted,
        List<String> unlocked,
        String lastSearch,
        boolean banNoticeSent,
        long ledgerEntries,
        long referrals,
        String language) {

    public Account {
        Objects.requireNonNull(profile, "profile");
        if (balance < 0) {
            throw new IllegalArgumentException("a balance is never negative: " + balance);
        }
        unlocked = unlocked == null ? List.of() : List.copyOf(unlocked);
    }

    public static Account register(IncomingUpdate.Sender sender, boolean admin, Instant now) {
        return new Account(
                new UserProfile(sender.userId(), sender.username(), sender.firstName(), sender.languageCode(),
                        admin, false, false, now, now),
                0, false, List.of(), null, false, 0, 0, null);
    }

    public long userId() {
        return profile.userId();
    }

    public boolean banned() {
        return profile.banned();
    }

    /** Forgotten ({@code /forgetme}) and not back since: the bot writes to them no more (broadcasts skip them). */
    public boolean isForgotten() {
        return profile.forgottenAt() != null && profile.registeredAt() == null;
    }

    public boolean hasUnlocked(String listingId) {
        return unlocked.contains(listingId);
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
        return withProfile(new UserProfile(profile.userId(), sender.username(), sender.firstName(),
                sender.languageCode(), admin, profile.banned(), false, registeredAt(now), now, profile.forgottenAt()));
    }

    public Account withProfile(UserProfile newProfile) {
        return new Account(newProfile, balance, signupBonusGranted, unlocked, lastSearch, banNoticeSent, ledgerEntries, referrals, language);
    }

    /** The balance after one more ledger entry, counted so entries can be put back in the order they applied. */
    public Account withEntry(long newBalance) {
        return new Account(profile, newBalance, signupBonusGranted, unlocked, lastSearch, banNoticeSent, ledgerEntries + 1, referrals, language);
    }

    public Account withSignupBonusGranted() {
        return new Account(profile, balance, true, unlocked, lastSearch, banNoticeSent, ledgerEntries, referrals, language);
    }

    public Account withUnlocked(String listingId) {
        Set<String> all = new LinkedHashSet<>(unlocked);
        all.add(listingId);
        return new Account(profile, balance, signupBonusGranted, List.copyOf(all), lastSearch, banNoticeSent, ledgerEntries, referrals, language);
    }

    /** The unlocks under the ids their listings live under now (see {@code Directory.current}); this one if none moved. */
    public Account withUnlockedMoved(UnaryOperator<String> current) {
        List<String> moved = List.copyOf(new LinkedHashSet<>(unlocked.stream().map(current).toList()));
        return moved.equals(unlocked) ? this
                : new Account(profile, balance, signupBonusGranted, moved, lastSearch, banNoticeSent, ledgerEntries, referrals, language);
    }

    /** The contact is no longer paid for: its unlock was refunded. */
    public Account withoutUnlocked(String listingId) {
        List<String> rest = unlocked.stream().filter(id -> !id.equals(listingId)).toList();
        return new Account(profile, balance, signupBonusGranted, rest, lastSearch, banNoticeSent, ledgerEntries, referrals, language);
    }

    public Account withLastSearch(String words) {
        return new Account(profile, balance, signupBonusGranted, unlocked, words, banNoticeSent, ledgerEntries, referrals, language);
    }

    public Account withBan(boolean banned, Instant now) {
        UserProfile changed = new UserProfile(profile.userId(), profile.username(), profile.firstName(),
                profile.languageCode(), profile.admin(), banned, profile.blocked(), profile.registeredAt(), now,
                profile.forgottenAt());
        return new Account(changed, balance, signupBonusGranted, unlocked, lastSearch, false, ledgerEntries, referrals, language);
    }

    /** The user blocked the bot: nothing is sent to them until they write again (see {@link #seenAs}). */
    public Account blockedAt(Instant now) {
        return withProfile(new UserProfile(profile.userId(), profile.username(), profile.firstName(),
                profile.languageCode(), profile.admin(), profile.banned(), true, profile.registeredAt(), now,
                profile.forgottenAt()));
    }

    /**
     * The account after {@code /forgetme}: no names, no unlocks, no last search, nothing the user typed. What stays is
     * what the bot's own records need: the user id (the ledger is keyed by it), the ban (forgetting must not lift
     * one), the signup bonus as granted (so a come-back {@code /start} does not pay it twice) and the count of ledger
     * entries (so the next entry's sequence follows on). The balance is left for the caller to forfeit through a
     * {@link io.contactdesk.contracts.events.LedgerKind#FORGET} entry.
     */
    public Account forgotten(Instant now) {
        UserProfile anonymous = new UserProfile(profile.userId(), null, null, null, profile.admin(), profile.banned(),
                false, null, now, now);
        return new Account(anonymous, balance, true, List.of(), null, banNoticeSent, ledgerEntries, referrals, null);
    }

    /** Someone who writes again after being forgotten registers anew, from that moment. */
    private Instant registeredAt(Instant now) {
        return profile.registeredAt() == null ? now : profile.registeredAt();
    }

    /** One more user joined with this user's referral link. */
    public Account withReferral() {
        return new Account(profile, balance, signupBonusGranted, unlocked, lastSearch, banNoticeSent, ledgerEntries,
                referrals + 1, language);
    }

    /** The language the user chose with {@code /language}. */
    public Account withLanguage(String code) {
        return new Account(profile, balance, signupBonusGranted, unlocked, lastSearch, banNoticeSent, ledgerEntries,
                referrals, code);
    }

    public Account withBanNoticeSent() {
        return new Account(profile, balance, signupBonusGranted, unlocked, lastSearch, true, ledgerEntries, referrals, language);
    }
}
