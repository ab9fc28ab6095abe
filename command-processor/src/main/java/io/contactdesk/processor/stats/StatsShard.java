package io.contactdesk.processor.stats;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts one partition of users contributes to /stats. Every task publishes its shard to a compacted topic that
 * all tasks read as a global store, so any admin's task can add them up without a second source of truth.
 *
 * @param unlocksByDay unlocks per UTC day, the last week only
 * @param starsReceived Telegram Stars paid by this partition's users (refunded ones included)
 * @param starsRefunded of those, the stars given back by {@code /refund}
 * @param creditsSold credits given by purchases ({@code PURCHASE} entries), before any refund
 * @param referrals invitations that worked: a new user joined with a referral link and its owner was credited
 */
public record StatsShard(long users, long creditsOutstanding, long unlocksTotal, Map<String, Long> unlocksByDay,
        long starsReceived, long starsRefunded, long creditsSold, long referrals) {

    private static final int DAYS_KEPT = 7;

    public static final StatsShard EMPTY = new StatsShard(0, 0, 0, Map.of(), 0, 0, 0, 0);

    public StatsShard {
        unlocksByDay = unlocksByDay == null ? Map.of() : Map.copyOf(unlocksByDay);
    }

    public StatsShard withUser() {
        return new StatsShard(users + 1, creditsOutstanding, unlocksTotal, unlocksByDay, starsReceived, starsRefunded,
                creditsSold, referrals);
    }

    public StatsShard withCredits(long delta) {
        return new StatsShard(users, creditsOutstanding + delta, unlocksTotal, unlocksByDay, starsReceived,
                starsRefunded, creditsSold, referrals);
    }

    public StatsShard withUnlock(LocalDate day) {
        TreeMap<String, Long> days = new TreeMap<>(unlocksByDay);
        days.merge(day.toString(), 1L, Long::sum);
        while (days.size() > DAYS_KEPT) {
            days.pollFirstEntry();
        }
        return new StatsShard(users, creditsOutstanding, unlocksTotal + 1, days, starsReceived, starsRefunded,
                creditsSold, referrals);
    }

    /** A payment arrived: {@code stars} received, {@code credits} sold. */
    public StatsShard withPayment(long stars, long credits) {
        return new StatsShard(users, creditsOutstanding, unlocksTotal, unlocksByDay, starsReceived + stars,
                starsRefunded, creditsSold + credits, referrals);
    }

    public StatsShard withRefund(long stars) {
        return new StatsShard(users, creditsOutstanding, unlocksTotal, unlocksByDay, starsReceived,
                starsRefunded + stars, creditsSold, referrals);
    }

    public StatsShard withReferral() {
        return new StatsShard(users, creditsOutstanding, unlocksTotal, unlocksByDay, starsReceived, starsRefunded,
                creditsSold, referrals + 1);
    }

    public long unlocksOn(LocalDate day) {
        return unlocksByDay.getOrDefault(day.toString(), 0L);
    }

    public StatsShard plus(StatsShard other) {
        TreeMap<String, Long> days = new TreeMap<>(unlocksByDay);
        other.unlocksByDay.forEach((day, count) -> days.merge(day, count, Long::sum));
        return new StatsShard(users + other.users, creditsOutstanding + other.creditsOutstanding,
                unlocksTotal + other.unlocksTotal, days, starsReceived + other.starsReceived,
                starsRefunded + other.starsRefunded, creditsSold + other.creditsSold, referrals + other.referrals);
    }
}
