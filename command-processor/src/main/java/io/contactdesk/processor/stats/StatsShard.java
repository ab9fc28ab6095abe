package io.contactdesk.processor.stats;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts one partition of users contributes to /stats. Every task publishes its shard to a compacted topic that
 * all tasks read as a global store, so any admin's task can add them up without a second source of truth.
 *
 * @param unlocksByDay unlocks per UTC day, the last week only
 */
public record StatsShard(long users, long creditsOutstanding, long unlocksTotal, Map<String, Long> unlocksByDay) {

    private static final int DAYS_KEPT = 7;

    public static final StatsShard EMPTY = new StatsShard(0, 0, 0, Map.of());

    public StatsShard {
        unlocksByDay = unlocksByDay == null ? Map.of() : Map.copyOf(unlocksByDay);
    }

    public StatsShard withUser() {
        return new StatsShard(users + 1, creditsOutstanding, unlocksTotal, unlocksByDay);
    }

    public StatsShard withCredits(long delta) {
        return new StatsShard(users, creditsOutstanding + delta, unlocksTotal, unlocksByDay);
    }

    public StatsShard withUnlock(LocalDate day) {
        TreeMap<String, Long> days = new TreeMap<>(unlocksByDay);
        days.merge(day.toString(), 1L, Long::sum);
        while (days.size() > DAYS_KEPT) {
            days.pollFirstEntry();
        }
        return new StatsShard(users, creditsOutstanding, unlocksTotal + 1, days);
    }

    public long unlocksOn(LocalDate day) {
        return unlocksByDay.getOrDefault(day.toString(), 0L);
    }

    public StatsShard plus(StatsShard other) {
        TreeMap<String, Long> days = new TreeMap<>(unlocksByDay);
        other.unlocksByDay.forEach((day, count) -> days.merge(day, count, Long::sum));
        return new StatsShard(users + other.users, creditsOutstanding + other.creditsOutstanding,
                unlocksTotal + other.unlocksTotal, days);
    }
}
